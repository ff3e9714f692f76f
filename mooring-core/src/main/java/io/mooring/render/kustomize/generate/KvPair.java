package io.mooring.render.kustomize.generate;

/**
 * One key and its value's bytes. Bytes, not text: a file's content may not be UTF-8, and then a
 * ConfigMap keeps it under {@code binaryData}.
 */
record KvPair(String key, byte[] value) {
}
