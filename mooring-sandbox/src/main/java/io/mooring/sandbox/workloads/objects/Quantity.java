package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 250m}, {@code 1.5}, {@code 512Mi}, {@code 1e3}): parsed
 * to exact decimals, and written in the forms the API and metrics-server use.
 */
public final class Quantity {
    private static final Pattern FORM = Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))(?:([eE][+-]?\\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")), Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    private Quantity() {
    }

    /**
     * @throws IllegalArgumentException when the text is not a quantity
     */
    public static BigDecimal parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("quantities must match the regular expression "
                    + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': " + text);
        }
        BigDecimal number = new BigDecimal(m.group(1));
        if (m.group(2) != null) {
            return number.scaleByPowerOfTen(Integer.parseInt(m.group(2).substring(1)));
        }
        return m.group(3) == null ? number : number.multiply(SUFFIXES.get(m.group(3)));
    }

    /** A quantity field in thousandths, rounded up as the scheduler rounds CPU; 0 when absent or invalid. */
    public static long millis(JsonNode quantity) {
        return scaled(quantity, 3);
    }

    /** A quantity field in units (bytes, pods), rounded up; 0 when absent or invalid. */
    public static long units(JsonNode quantity) {
        return scaled(quantity, 0);
    }

    private static long scaled(JsonNode quantity, int digits) {
        if (quantity == null || quantity.isMissingNode() || quantity.isNull()) {
            return 0;
        }
        try {
            return parse(quantity.asText()).scaleByPowerOfTen(digits).setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return 0;
        }
    }

    /** CPU in millicores as the API canonicalises it: {@code 250m}, or whole cores {@code 2}. */
    public static String cpu(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }

    /** Bytes in kibibytes, as the API canonicalises node memory and metrics-server reports it: {@code 32768Ki}. */
    public static String kibibytes(long bytes) {
        return (bytes + 1023) / 1024 + "Ki";
    }

    /** CPU in nanocores, as metrics-server reports usage: {@code 12345678n}. */
    public static String nanocores(long nanos) {
        return nanos + "n";
    }
}
