package dev.perimeter.config;

/** An {@code interface NAME} block: the lists bound with {@code ip access-group X in|out} (null when none). */
public record InterfaceConfig(String name, String inList, String outList) {

    public boolean hasBinding() {
        return inList != null || outList != null;
    }

    public InterfaceConfig withIn(String list) {
        return new InterfaceConfig(name, list, outList);
    }

    public InterfaceConfig withOut(String list) {
        return new InterfaceConfig(name, inList, list);
    }
}
