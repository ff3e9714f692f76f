package io.mooring.sandbox.workloads.node;

import java.util.List;
import java.util.stream.Stream;

/**
 * The machine a simulated node stands for, named as cloud instance types are so that cost and
 * capacity tools recognise them.
 *
 * @param name      {@code node.kubernetes.io/instance-type}
 * @param cpus      vCPUs
 * @param memoryGiB memory in GiB
 * @param maxPods   the kubelet's {@code maxPods}
 */
public record InstanceType(String name, int cpus, int memoryGiB, int maxPods) {
    /** The fleet's mix, cycled over the nodes: general purpose, compute and memory optimised. */
    public static final List<InstanceType> MIX = List.of(
            new InstanceType("m5.2xlarge", 8, 32, 110),
            new InstanceType("c5.4xlarge", 16, 32, 110),
            new InstanceType("r5.2xlarge", 8, 64, 110),
            new InstanceType("m5.4xlarge", 16, 64, 110));

    /** Types a Node added by hand may name in its label, besides those of the mix. */
    public static final List<InstanceType> OTHERS = List.of(
            new InstanceType("m5.large", 2, 8, 29), new InstanceType("m5.xlarge", 4, 16, 58),
            new InstanceType("m5.8xlarge", 32, 128, 234), new InstanceType("c5.9xlarge", 36, 72, 234),
            new InstanceType("r5.4xlarge", 16, 128, 234));

    /** The type a node's label names, or the first of the mix for a node that names none we know. */
    public static InstanceType named(String name) {
        return Stream.concat(MIX.stream(), OTHERS.stream()).filter(t -> t.name().equals(name)).findFirst()
                .orElse(MIX.getFirst());
    }

    public long cpuMillis() {
        return cpus * 1000L;
    }

    public long memoryBytes() {
        return memoryGiB * (1L << 30);
    }

    /**
     * CPU the kubelet keeps for the system (kube-reserved, as the managed clouds size it): 6% of
     * the first core, 1% of the second, 0.5% of the next two, 0.25% of the rest.
     */
    public long reservedCpuMillis() {
        long reserved = 60;
        if (cpus > 1) {
            reserved += 10;
        }
        reserved += Math.min(Math.max(cpus - 2, 0), 2) * 5L;
        reserved += Math.max(cpus - 4, 0) * 25L / 10;
        return reserved;
    }

    /**
     * Memory the kubelet keeps: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8,
     * 6% of the next 112, 2% above, plus the 100 MiB hard eviction threshold.
     */
    public long reservedMemoryBytes() {
        long gib = 1L << 30;
        long memory = memoryBytes();
        long reserved = 0;
        long[][] bands = {{4, 25}, {4, 20}, {8, 10}, {112, 6}, {Long.MAX_VALUE / gib, 2}};
        long left = memory;
        for (long[] band : bands) {
            long size = Math.min(left, band[0] * gib);
            reserved += size * band[1] / 100;
            left -= size;
            if (left <= 0) {
                break;
            }
        }
        return reserved + 100L * (1 << 20);
    }
}
