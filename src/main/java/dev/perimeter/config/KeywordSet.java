package dev.perimeter.config;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keywords valid at one place of a command. A word selects a keyword when it is the keyword, or a prefix of
 * exactly one keyword, as IOS accepts abbreviated commands; keywords are case-insensitive.
 */
final class KeywordSet {
    /** Returned by {@link #resolve} when the word is a prefix of several keywords. */
    static final String AMBIGUOUS = "\0ambiguous";

    private final String[] sorted;
    private final Set<String> exact;

    KeywordSet(Collection<String> keywords) {
        // a plain loop rather than a stream: these sets are built while every command starts
        Set<String> lower = new TreeSet<>();
        for (String k : keywords) {
            lower.add(k.toLowerCase(Locale.ROOT));
        }
        this.sorted = lower.toArray(new String[0]);
        this.exact = new HashSet<>(Arrays.asList(sorted));
    }

    static KeywordSet of(String... keywords) {
        return new KeywordSet(Arrays.asList(keywords));
    }

    /** This set with more keywords. */
    KeywordSet plus(Collection<String> more) {
        Set<String> all = new LinkedHashSet<>(Arrays.asList(sorted));
        all.addAll(more);
        return new KeywordSet(all);
    }

    KeywordSet plus(String... more) {
        return plus(Arrays.asList(more));
    }

    boolean contains(String keyword) {
        return exact.contains(keyword);
    }

    /** The keyword the word selects, null when none, {@link #AMBIGUOUS} when several. */
    String resolve(String word) {
        String w = lower(word);
        if (exact.contains(w)) {
            return w;
        }
        int i = Arrays.binarySearch(sorted, w);
        i = i < 0 ? -i - 1 : i;
        if (i >= sorted.length || !sorted[i].startsWith(w)) {
            return null;
        }
        if (i + 1 < sorted.length && sorted[i + 1].startsWith(w)) {
            return AMBIGUOUS;
        }
        return sorted[i];
    }

    private static String lower(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return word.toLowerCase(Locale.ROOT);
            }
        }
        return word;
    }
}
