package dev.perimeter.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Action;
import dev.perimeter.config.InterfaceConfig;
import dev.perimeter.config.LogSettings;
import dev.perimeter.config.RouterConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FilterSetTest {

    @Test
    void bindsEachSideAndCompilesASharedListOnce() {
        AccessList web = new AccessList("web", AccessList.Kind.EXTENDED,
                List.of(AccessListEntry.builder(Action.PERMIT).sequence(10).build()));
        RouterConfig config = new RouterConfig(Map.of("web", web), Map.of(
                "eth1/0", new InterfaceConfig("eth1/0", "web", null),
                "eth2/0", new InterfaceConfig("eth2/0", "missing", "web")), LogSettings.DEFAULT);
        AtomicInteger compiled = new AtomicInteger();
        FilterSet set = FilterSet.build(config, list -> {
            compiled.incrementAndGet();
            return new LinearMatcher(list);
        });
        assertEquals(1, compiled.get());
        assertSame(set.inbound("eth1/0").matcher(), set.outbound("eth2/0").matcher());
        assertNull(set.outbound("eth1/0"));
        assertTrue(set.inbound("eth2/0").permitsAll(), "an undefined list permits everything");
        assertNull(set.inbound("eth9/9"));
    }
}
