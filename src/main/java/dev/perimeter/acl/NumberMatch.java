package dev.perimeter.acl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A condition on a port (0-65535) or a ttl (0-255): {@code eq A [B ...]}, {@code neq A [B ...]}, {@code lt A},
 * {@code gt A}, {@code range A B}, or none. For {@code range} the values are {low, high}.
 */
public final class NumberMatch {

    public static final NumberMatch ANY = new NumberMatch(Operator.ANY, new int[0]);

    private final Operator operator;
    private final int[] values;

    private NumberMatch(Operator operator, int[] values) {
        this.operator = operator;
        this.values = values;
    }

    public static NumberMatch port(Operator operator, int... values) {
        return of(operator, 65535, values);
    }

    public static NumberMatch ttl(Operator operator, int... values) {
        return of(operator, 255, values);
    }

    public static NumberMatch of(Operator operator, int maxValue, int... values) {
        if (operator == Operator.ANY) {
            return ANY;
        }
        int expected = switch (operator) {
            case LT, GT -> 1;
            case RANGE -> 2;
            default -> -1;
        };
        if ((expected > 0 && values.length != expected) || values.length == 0) {
            throw new IllegalArgumentException(operator.keyword() + " takes " + (expected > 0 ? expected : "one or more") + " values");
        }
        for (int v : values) {
            if (v < 0 || v > maxValue) {
                throw new IllegalArgumentException("value out of range 0-" + maxValue + ": " + v);
            }
        }
        return new NumberMatch(operator, values.clone());
    }

    public Operator operator() {
        return operator;
    }

    public int[] values() {
        return values.clone();
    }

    public int value(int i) {
        return values[i];
    }

    public int valueCount() {
        return values.length;
    }

    public boolean isAny() {
        return operator == Operator.ANY;
    }

    public boolean matches(int v) {
        switch (operator) {
            case ANY:
                return true;
            case EQ:
                for (int x : values) {
                    if (x == v) {
                        return true;
                    }
                }
                return false;
            case NEQ:
                for (int x : values) {
                    if (x == v) {
                        return false;
                    }
                }
                return true;
            case LT:
                return v < values[0];
            case GT:
                return v > values[0];
            case RANGE:
                return v >= values[0] && v <= values[1];
            default:
                throw new AssertionError(operator);
        }
    }

    /**
     * The matched values as sorted, disjoint, inclusive ranges {low, high}; {@code lt 0} gives none.
     * The compiled matcher builds its port tables from these.
     */
    public List<int[]> ranges(int max) {
        List<int[]> out = new ArrayList<>();
        switch (operator) {
            case ANY -> out.add(new int[] {0, max});
            case LT -> {
                if (values[0] > 0) {
                    out.add(new int[] {0, values[0] - 1});
                }
            }
            case GT -> {
                if (values[0] < max) {
                    out.add(new int[] {values[0] + 1, max});
                }
            }
            case RANGE -> {
                if (values[0] <= values[1]) {
                    out.add(new int[] {values[0], values[1]});
                }
            }
            case EQ, NEQ -> {
                int[] sorted = Arrays.stream(values).sorted().distinct().toArray();
                if (operator == Operator.EQ) {
                    for (int v : sorted) {
                        out.add(new int[] {v, v});
                    }
                } else {
                    int next = 0;
                    for (int v : sorted) {
                        if (v > next) {
                            out.add(new int[] {next, v - 1});
                        }
                        next = v + 1;
                    }
                    if (next <= max) {
                        out.add(new int[] {next, max});
                    }
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberMatch other && operator == other.operator && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return operator.hashCode() * 31 + Arrays.hashCode(values);
    }

    /** Numeric IOS text such as {@code eq 25} or {@code range 109 110}; empty for none. Names are the renderer's job. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(operator.keyword());
        for (int v : values) {
            sb.append(' ').append(v);
        }
        return sb.toString();
    }
}
