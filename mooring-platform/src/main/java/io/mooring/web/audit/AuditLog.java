package io.mooring.web.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.web.store.ClusterState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The audit log: append-only and bounded, in the ConfigMap {@code mooring-audit} (one JSON line per
 * entry, the oldest dropped past {@link #LIMIT} entries or {@link #MAX_BYTES}), so that it outlives a
 * restart; and each entry also as a JSON line on the logger {@code mooring.audit}, for a log
 * collector to keep for longer. Entries never hold secrets.
 */
public final class AuditLog {
    public static final String CONFIG_MAP = "mooring-audit";
    public static final int LIMIT = 1000;
    static final int MAX_BYTES = 600 * 1024;
    private static final String KEY = "entries.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger("mooring.audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterState state;

    public AuditLog(ClusterState state) {
        this.state = state;
    }

    public void record(AuditEntry entry) {
        String line = entry.toJson().toString();
        LOG.info(line);
        try {
            synchronized (this) {
                state.update(ClusterState.Kind.CONFIG_MAP, CONFIG_MAP, data -> {
                    data.put(KEY, append(data.getOrDefault(KEY, ""), line));
                    return data;
                });
            }
        } catch (KubernetesClientException e) {
            // The log line above has it; the cluster's copy misses this one entry.
            LOG.warn("cannot write the audit entry to ConfigMap {}/{}: {}", state.namespace(), CONFIG_MAP, e.getMessage());
        }
    }

    /** Adds a line and drops the oldest past the bounds. Pure. */
    static String append(String lines, String line) {
        List<String> kept = new ArrayList<>(lines.isEmpty() ? List.of() : List.of(lines.split("\n")));
        kept.add(line);
        int bytes = kept.stream().mapToInt(l -> l.length() + 1).sum();
        int drop = 0;
        while (kept.size() - drop > LIMIT || bytes > MAX_BYTES && kept.size() - drop > 1) {
            bytes -= kept.get(drop).length() + 1;
            drop++;
        }
        return String.join("\n", kept.subList(drop, kept.size())) + "\n";
    }

    /** The newest entries first, at most {@code limit}, that pass {@code filter}. */
    public List<AuditEntry> recent(int limit, Predicate<AuditEntry> filter) {
        String lines = state.read(ClusterState.Kind.CONFIG_MAP, CONFIG_MAP).getOrDefault(KEY, "");
        List<AuditEntry> entries = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                AuditEntry entry = AuditEntry.fromJson(JSON.readTree(line));
                if (filter.test(entry)) {
                    entries.add(entry);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping an unreadable audit entry: {}", e.getMessage());
            }
        }
        Collections.reverse(entries);
        return entries.subList(0, Math.min(limit, entries.size()));
    }
}
