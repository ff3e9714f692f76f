package io.mooring.render.kustomize;

import java.math.BigDecimal;

/** Go's %v for a float64 (strconv 'g' with the shortest precision), which kustomize uses when it inlines a number in text. */
final class GoFloats {
    private GoFloats() {
    }

    static String formatG(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = shortest.unscaledValue().abs().toString();
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            String sign = value < 0 ? "-" : "";
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return shortest.toPlainString();
    }
}
