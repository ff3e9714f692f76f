package io.mooring.cli.secrets;

import io.mooring.resource.ManifestException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.secrets.KeyRing;
import io.mooring.secrets.Pem;
import io.mooring.secrets.SealedSecret;
import io.mooring.secrets.SealingKey;
import io.mooring.secrets.SealingKeys;
import io.mooring.secrets.Unsealer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mooring unseal}: for an administrator holding the private keys, to recover what a SealedSecret holds. */
@Command(name = "unseal", mixinStandardHelpOptions = true,
        description = {"Unseal SealedSecrets into the Secrets they make, with the cluster's key ring or key files.",
                "For recovery by an administrator: the output holds the secret values (base64)."})
public final class UnsealCommand implements Callable<Integer> {
    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "SealedSecret manifests ('-' for stdin).")
    Path file;

    @Option(names = "--key", paramLabel = "FILE", description = "A private key: PEM, or key Secrets as 'mooring secrets keys export' writes "
            + "them (repeatable). Without it, the cluster's key ring is read.")
    List<Path> keyFiles = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
            description = "The namespace of SealedSecrets that name none (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml", description = "yaml or json (default: yaml).")
    String output;

    @Mixin
    KeyRingOptions keyRing;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KeyRing ring = ring();
        Unsealer unsealer = new Unsealer(ring);
        PrintWriter out = spec.commandLine().getOut();
        boolean first = true;
        for (JsonNode object : SecretsIo.read(file)) {
            if (!SealedSecret.is(object)) {
                continue;
            }
            String text = SecretsIo.format(unsealer.unseal(SealedSecret.parse(object, namespace, file == null ? "<stdin>" : file.toString(), 0)),
                    output);
            if (!first && output.equals("yaml")) {
                out.println("---");
            }
            out.print(text);
            first = false;
        }
        out.flush();
        if (first) {
            throw new ManifestException("no SealedSecret in the input");
        }
        return 0;
    }

    private KeyRing ring() {
        if (keyFiles.isEmpty()) {
            try (KeyRingOptions.Connected cluster = keyRing.connect()) {
                return cluster.store().load();
            }
        }
        List<SealingKey> keys = new ArrayList<>();
        for (Path keyFile : keyFiles) {
            keys.addAll(KeyFiles.read(keyFile));
        }
        return new KeyRing(keys);
    }

    /** Keys from a file: key Secrets (one, several, a List), or a PEM private key with or without its certificate. */
    static final class KeyFiles {
        private KeyFiles() {
        }

        static List<SealingKey> read(Path keyFile) {
            String text;
            try {
                text = Files.readString(keyFile);
            } catch (IOException e) {
                throw new ManifestException("cannot read " + keyFile + ": " + e.getMessage());
            }
            if (text.contains("-----BEGIN")) {
                var key = Pem.privateKey(text);
                if (text.contains("-----BEGIN CERTIFICATE-----")) {
                    return List.of(new SealingKey(keyFile.getFileName().toString(), key, Pem.certificates(text).getFirst()));
                }
                throw new ManifestException(keyFile + " holds a private key without its certificate: append the certificate "
                        + "(tls.crt) to the file");
            }
            List<SealingKey> keys = new ArrayList<>();
            for (JsonNode object : SecretsIo.read(keyFile)) {
                keys.add(SealingKeys.fromSecret(object));
            }
            return keys;
        }
    }
}
