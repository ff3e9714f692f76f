package io.mooring.render.kustomize.generate;

import java.util.List;

/**
 * Where a generator's keys and values come from. Kustomize reads them in this order (env files,
 * then literals, then files), which decides which entry a duplicate-key error names.
 *
 * @param envs     env files, {@code KEY=value} per line
 * @param literals {@code key=value} strings
 * @param files    {@code path} (the key is the file's name) or {@code key=path}
 */
public record KvSources(List<String> envs, List<String> literals, List<String> files) {
    public KvSources {
        envs = List.copyOf(envs);
        literals = List.copyOf(literals);
        files = List.copyOf(files);
    }
}
