package io.mooring.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import io.mooring.secrets.HybridEncryption;
import io.mooring.secrets.KeyRing;
import io.mooring.secrets.SealedSecret;
import io.mooring.secrets.Sealer;
import io.mooring.secrets.SealingKey;
import io.mooring.secrets.SealingKeys;
import io.mooring.secrets.Unsealer;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sealing and unsealing (bench/README.md, "Secrets"): throughput of 1 KiB values with a 4096-bit
 * key, the floor of the same operations written as bare JCA calls in this file, and the cost of
 * unsealing 1,000 SealedSecrets as a sync's secrets step does (cold, then with the values it
 * remembers). One thread. No peer: no kubeseal binary is installable here.
 */
public final class SecretsBench {
    private static final int VALUE_BYTES = 1024;
    private static final int SEALED_SECRETS = 1000;

    private SecretsBench() {
    }

    /** A batch of operations, timed as a whole: values per second follow from its size. */
    private interface Batch {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Checkout checkout = Checkout.find();
        Options options;
        try {
            options = Options.parse(args, new Options(5, 1, 1, Pattern.compile(".*"), Options.defaultResults(checkout, "secrets"),
                    "bench/run secrets"), false);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/run secrets: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> machine = Machine.describe(List.of());
        SecureRandom random = new SecureRandom();
        progress("making three 4096-bit keys");
        Instant now = Instant.now();
        List<SealingKey> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(SealingKeys.generate(4096, now.minus(Duration.ofDays(30L * i)), SealingKeys.VALIDITY, random));
        }
        SealingKey key = keys.getFirst();
        SealingKey oldest = keys.getLast();
        byte[] value = new byte[VALUE_BYTES];
        random.nextBytes(value);
        byte[] label = "shop/db".getBytes(StandardCharsets.UTF_8);
        Sealer sealer = new Sealer(key.publicKey(), random);

        int sealBatch = 400;
        int unsealBatch = 60;
        List<byte[]> sealed = new ArrayList<>();
        for (int i = 0; i < unsealBatch; i++) {
            sealed.add(HybridEncryption.encrypt(key.publicKey(), value, label, random));
        }
        List<String> sealedForOldest = new ArrayList<>();
        for (int i = 0; i < unsealBatch; i++) {
            sealedForOldest.add(new Sealer(oldest.publicKey(), random).sealValue(value, label));
        }
        KeyRing one = new KeyRing(List.of(key));
        KeyRing three = new KeyRing(keys);

        List<Row> rows = new ArrayList<>();
        progress("seal and unseal throughput");
        rows.add(measure(options, "seal: Mooring (`Sealer.sealValue`, base64 included)", sealBatch, () -> {
            for (int i = 0; i < sealBatch; i++) {
                sealer.sealValue(value, label);
            }
        }));
        rows.add(measure(options, "seal: bare JCA floor (RSA-OAEP of a 32-byte key + AES-256-GCM of the value)", sealBatch, () -> {
            for (int i = 0; i < sealBatch; i++) {
                JcaFloor.seal(key, value, label, random);
            }
        }));
        rows.add(measure(options, "unseal: Mooring (`HybridEncryption.decrypt`, the right key)", unsealBatch, () -> {
            for (byte[] s : sealed) {
                HybridEncryption.decrypt(key.privateKey(), s, label);
            }
        }));
        rows.add(measure(options, "unseal: bare JCA floor (RSA-OAEP decrypt + AES-256-GCM decrypt)", unsealBatch, () -> {
            for (byte[] s : sealed) {
                JcaFloor.open(key, s, label);
            }
        }));
        rows.add(measure(options, "unseal: Mooring, 3-key ring, value sealed for the oldest key (tries all three)", unsealBatch, () -> {
            Unsealer unsealer = new Unsealer(three);
            for (int i = 0; i < sealedForOldest.size(); i++) {
                unsealer.unseal(sealedSecret("db-" + i, sealedForOldest.get(i)));
            }
        }));

        progress("1,000 SealedSecrets (2 values each: 32 bytes and 1 KiB)");
        List<ObjectNode> objects = new ArrayList<>();
        YamlReader yaml = new YamlReader();
        for (int i = 0; i < SEALED_SECRETS; i++) {
            String user = "user-" + i + "-".repeat(32 - String.valueOf(i).length() - 6);
            var secret = yaml.readOne("s", "apiVersion: v1\nkind: Secret\nmetadata: {name: app-" + i + ", namespace: shop}\nstringData: {}\n");
            ((ObjectNode) secret).with("stringData").put("username", user).put("password", new String(base64(value)));
            objects.add(sealer.seal(secret, null));
        }
        Samples cold = new Samples();
        Samples warm = new Samples();
        Samples coldCpu = new Samples();
        for (int run = 0; run < options.runs() + options.warmup(); run++) {
            Unsealer unsealer = new Unsealer(one);
            long cpu = CpuClock.thread();
            long start = System.nanoTime();
            unsealAll(unsealer, objects);
            long coldNanos = System.nanoTime() - start;
            long coldCpuNanos = CpuClock.thread() - cpu;
            start = System.nanoTime();
            unsealAll(unsealer, objects);
            long warmNanos = System.nanoTime() - start;
            if (run >= options.warmup()) {
                cold.add(coldNanos);
                coldCpu.add(coldCpuNanos);
                warm.add(warmNanos);
            }
        }
        machine.add(Machine.loadAverage("at the end"));
        String report = report(options, machine, rows, cold, coldCpu, warm);
        Files.createDirectories(options.results().getParent());
        Files.writeString(options.results(), report);
        System.out.println(report);
    }

    private static void unsealAll(Unsealer unsealer, List<ObjectNode> objects) {
        for (ObjectNode object : objects) {
            unsealer.unseal(SealedSecret.parse(object, "shop", "bench", 0));
        }
    }

    private static SealedSecret sealedSecret(String name, String sealedValue) {
        var encrypted = new java.util.TreeMap<String, String>();
        encrypted.put("v", sealedValue);
        // Every value was sealed for "shop/db" (strict); the source name tells the entries apart.
        return new SealedSecret("db", "shop", io.mooring.secrets.SealingScope.STRICT, encrypted,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), name, 0);
    }

    private static byte[] base64(byte[] bytes) {
        return java.util.Base64.getEncoder().encode(bytes);
    }

    private record Row(String what, int batch, Samples wall, Samples cpu) {
        double perSecond() {
            return batch * 1e9 / wall.median();
        }

        /** Per second of the thread's CPU time: what the machine's load does not change. */
        double perCpuSecond() {
            return batch * 1e9 / Math.max(1, cpu.median());
        }
    }

    private static Row measure(Options options, String what, int batch, Batch work) throws Exception {
        Samples wall = new Samples();
        Samples cpu = new Samples();
        for (int round = 0; round < options.warmup(); round++) {
            work.run();
        }
        for (int run = 0; run < options.runs(); run++) {
            long c = CpuClock.thread();
            long start = System.nanoTime();
            work.run();
            wall.add(System.nanoTime() - start);
            cpu.add(CpuClock.thread() - c);
        }
        return new Row(what, batch, wall, cpu);
    }

    /** The same operations as bare JCA calls, written from the format's description: the floor Mooring's code adds to. */
    private static final class JcaFloor {
        static byte[] seal(SealingKey key, byte[] value, byte[] label, SecureRandom random) throws Exception {
            byte[] session = new byte[32];
            random.nextBytes(session);
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, key.publicKey(), new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                    new PSource.PSpecified(label)), random);
            byte[] wrapped = rsa.doFinal(session);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(session, "AES"), new GCMParameterSpec(128, new byte[12]));
            byte[] body = gcm.doFinal(value);
            return java.nio.ByteBuffer.allocate(2 + wrapped.length + body.length).putShort((short) wrapped.length).put(wrapped).put(body)
                    .array();
        }

        static byte[] open(SealingKey key, byte[] sealed, byte[] label) throws Exception {
            int length = ((sealed[0] & 0xff) << 8) | (sealed[1] & 0xff);
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
            rsa.init(Cipher.DECRYPT_MODE, key.privateKey(), new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                    new PSource.PSpecified(label)));
            byte[] session = rsa.doFinal(sealed, 2, length);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(session, "AES"), new GCMParameterSpec(128, new byte[12]));
            return gcm.doFinal(sealed, 2 + length, sealed.length - 2 - length);
        }
    }

    private static String report(Options options, List<String> machine, List<Row> rows, Samples cold, Samples coldCpu, Samples warm) {
        StringBuilder md = new StringBuilder();
        md.append("# Secrets: sealing and unsealing, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        md.append("Command: `").append(options.commandLine()).append("`. Keys: RSA 4096 (as the key ring makes them); values: 1 KiB. ")
                .append("One thread. Peer: none (no kubeseal binary is installable here: neither Debian nor npm has one); the floor is ")
                .append("the same operations as bare JCA calls in the same run.\n\n");
        md.append("Machine:\n\n");
        machine.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\nThroughput: each batch timed as a whole, median of ").append(options.runs()).append(" batches after ")
                .append(options.warmup()).append(" untimed; CPU time of the measuring thread.\n\n");
        md.append("| operation | values/s (wall) | values per CPU second | batch | median ms (min–max) | CPU ms |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row row : rows) {
            md.append("| ").append(row.what()).append(" | ").append(String.format(Locale.ROOT, "%,.0f", row.perSecond())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", row.perCpuSecond())).append(" | ")
                    .append(row.batch()).append(" | ").append(row.wall().spread()).append(" | ").append(Samples.ms(row.cpu().median()))
                    .append(" |\n");
        }
        md.append("\n1,000 SealedSecrets of 2 values each (32 bytes and 1 KiB, sealed for the newest of a 1-key ring), read and unsealed ")
                .append("as a sync's secrets step does (`SealedSecret.parse` + `Unsealer.unseal`), median of ").append(options.runs())
                .append(" runs:\n\n");
        md.append("| pass | median ms (min–max) | CPU ms | per SealedSecret ms |\n");
        md.append("| --- | ---: | ---: | ---: |\n");
        md.append("| cold: a new key ring (a fresh Unsealer), every value RSA-decrypted | ").append(cold.spread()).append(" | ")
                .append(Samples.ms(coldCpu.median())).append(" | ").append(String.format(Locale.ROOT, "%.2f", cold.median() / 1e6 / SEALED_SECRETS))
                .append(" |\n");
        md.append("| warm: the next compare with the same ring (values remembered by ciphertext) | ").append(warm.spread()).append(" | | ")
                .append(String.format(Locale.ROOT, "%.3f", warm.median() / 1e6 / SEALED_SECRETS)).append(" |\n");
        return md.toString();
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
