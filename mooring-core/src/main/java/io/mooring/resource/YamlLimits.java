package io.mooring.resource;

/**
 * Bounds on what the YAML reader accepts, so that a hostile or broken file (a billion-laughs alias
 * bomb, a 2 GB blob) is refused with a message instead of exhausting memory.
 *
 * @param maxBytes largest input accepted, in UTF-8 bytes
 * @param maxNodes most nodes one document may expand to, aliases counted at every use
 * @param maxDepth deepest nesting of collections
 */
public record YamlLimits(long maxBytes, long maxNodes, int maxDepth) {
    /** Generous for any real manifest (the largest CRDs are a few MB), small enough to fail fast. */
    public static final YamlLimits DEFAULT = new YamlLimits(32L * 1024 * 1024, 2_000_000, 512);
}
