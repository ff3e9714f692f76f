package io.mooring.sandbox.workloads.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;


/**
 * The arithmetic of a rolling update, as Kubernetes' deployment utilities do it: maxSurge and
 * maxUnavailable from numbers or percentages (surge rounded up, unavailability down, never both
 * zero), how far the new ReplicaSet may grow, and how much the old ones may shrink.
 */
public final class RolloutMath {
    private RolloutMath() {
    }

    /** Resolved {@code maxSurge} and {@code maxUnavailable} for a number of desired replicas. */
    public record Fenceposts(int maxSurge, int maxUnavailable) {
    }

    /**
     * {@code ResolveFenceposts}; a missing value is the API's default, 25%.
     *
     * @throws IllegalArgumentException for a value that is neither a number nor a percentage
     */
    public static Fenceposts fenceposts(JsonNode maxSurge, JsonNode maxUnavailable, int desired) {
        int surge = scaled(maxSurge, desired, true);
        int unavailable = scaled(maxUnavailable, desired, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new Fenceposts(surge, unavailable);
    }

    /** {@code GetScaledValueFromIntOrPercent}. */
    static int scaled(JsonNode intOrPercent, int total, boolean roundUp) {
        if (intOrPercent == null || intOrPercent.isMissingNode() || intOrPercent.isNull()) {
            intOrPercent = TextNode.valueOf("25%");
        }
        if (intOrPercent.isNumber()) {
            return intOrPercent.asInt();
        }
        String text = intOrPercent.asText();
        if (!text.endsWith("%")) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage: " + text);
            }
        }
        int percent;
        try {
            percent = Integer.parseInt(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value \"" + text + "\": must be an integer or a percentage");
        }
        long product = (long) percent * total;
        return (int) (roundUp ? Math.ceilDiv(product, 100) : Math.floorDiv(product, 100));
    }

    /**
     * {@code NewRSNewReplicas} for a rolling update: the new ReplicaSet grows while the total
     * stays within desired + maxSurge, never past desired.
     *
     * @param allReplicas the sum of {@code spec.replicas} over all the Deployment's ReplicaSets
     */
    public static int newReplicaSetSize(int desired, int maxSurge, int allReplicas, int newReplicas) {
        int maxTotal = desired + maxSurge;
        if (allReplicas >= maxTotal) {
            return newReplicas;
        }
        int scaleUp = Math.min(maxTotal - allReplicas, desired - newReplicas);
        return newReplicas + scaleUp;
    }

    /**
     * How many old replicas a rolling update may remove now ({@code reconcileOldReplicaSets}):
     * what keeps at least desired − maxUnavailable available, counting the new ReplicaSet's
     * unavailable pods against it.
     */
    public static int maxScaledDown(int allReplicas, int desired, int maxUnavailable, int newReplicas, int newAvailable) {
        int minAvailable = desired - maxUnavailable;
        int newUnavailable = newReplicas - newAvailable;
        return allReplicas - minAvailable - newUnavailable;
    }

    /**
     * {@code scaleDownOldReplicaSetsForRollingUpdate}'s budget: available pods above the minimum.
     *
     * @param available available pods over all ReplicaSets
     */
    public static int oldScaleDownBudget(int available, int desired, int maxUnavailable) {
        int minAvailable = desired - maxUnavailable;
        return Math.max(available - minAvailable, 0);
    }

    /**
     * {@code GetProportion}: a ReplicaSet's share of {@code toAdd} replicas in a proportional
     * scale, from its size against the Deployment's size when it was last scaled
     * ({@code max-replicas}).
     */
    public static int proportion(int rsReplicas, int annotatedMaxReplicas, int desired, int maxSurge, int toAdd, int added) {
        if (rsReplicas == 0 || toAdd == 0 || toAdd == added) {
            return 0;
        }
        int fraction;
        if (desired == 0) {
            fraction = -rsReplicas;
        } else {
            double size = (double) rsReplicas * (desired + maxSurge) / annotatedMaxReplicas;
            fraction = (int) Math.round(size) - rsReplicas;
        }
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }
}
