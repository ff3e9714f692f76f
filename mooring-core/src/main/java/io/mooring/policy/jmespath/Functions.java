package io.mooring.policy.jmespath;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The functions an expression may call, by name. */
public final class Functions {
    /** JMESPath's built-in functions, overlaid with Kyverno's (whose {@code sum} takes quantities and durations too). */
    public static final Functions KYVERNO = of(StandardFunctions.all(), StringFunctions.all(), ArithmeticFunctions.all(),
            DataFunctions.all(), TimeFunctions.all());

    private final Map<String, Function> byName;

    private Functions(Map<String, Function> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Later lists win on a name. */
    @SafeVarargs
    public static Functions of(List<Function>... lists) {
        Map<String, Function> byName = new HashMap<>();
        for (List<Function> list : lists) {
            list.forEach(f -> byName.put(f.name(), f));
        }
        return new Functions(byName);
    }

    public Function get(String name) {
        return byName.get(name);
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
