package io.mooring.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import io.mooring.config.Application;
import io.mooring.resource.GoYamlWriter;
import io.mooring.resource.ResourceKey;

import java.util.Arrays;
import java.util.List;

/** Compares what Git wants with what the cluster has, object by object (see {@link Normalizer} for how). */
public final class ResourceDiff {
    private ResourceDiff() {
    }

    /**
     * @param desired the rendered object, with Mooring's tracking metadata
     * @param live    the object in the cluster, or null when it does not exist
     * @param ignores the application's ignoreDifferences
     */
    public static ObjectDiff compare(ObjectNode desired, ObjectNode live, List<Application.IgnoreDifference> ignores) {
        ResourceKey key = ResourceKey.of(desired);
        ObjectNode wanted = Normalizer.desired(desired);
        if (live == null) {
            ObjectNode shown = wanted.deepCopy();
            Normalizer.maskSecrets(null, shown);
            return new ObjectDiff(key, DiffState.MISSING, unified(key, null, shown));
        }
        ObjectNode actual = Normalizer.live(live, wanted);
        Normalizer.ignore(wanted, key.group(), key.kind(), key.namespace(), key.name(), ignores);
        Normalizer.ignore(actual, key.group(), key.kind(), key.namespace(), key.name(), ignores);
        if (wanted.equals(actual)) {
            return new ObjectDiff(key, DiffState.IN_SYNC, "");
        }
        Normalizer.maskSecrets(actual, wanted);
        return new ObjectDiff(key, DiffState.OUT_OF_SYNC, unified(key, actual, wanted));
    }

    private static String unified(ResourceKey key, ObjectNode live, ObjectNode desired) {
        List<String> before = live == null ? List.of() : lines(GoYamlWriter.write(live));
        List<String> after = lines(GoYamlWriter.write(desired));
        Patch<String> patch = DiffUtils.diff(before, after);
        List<String> text = UnifiedDiffUtils.generateUnifiedDiff("live/" + key, "desired/" + key, before, patch, 3);
        return String.join("\n", text) + "\n";
    }

    private static List<String> lines(String yaml) {
        return Arrays.asList(yaml.split("\n"));
    }
}
