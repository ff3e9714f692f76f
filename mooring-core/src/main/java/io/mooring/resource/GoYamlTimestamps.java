package io.mooring.resource;

/**
 * Whether go-yaml reads a plain scalar as a timestamp (and so quotes such a string when it
 * prints it). go-yaml v2 and v3 try Go's {@code time.Parse} with four layouts, in order:
 * {@code 2006-1-2T15:4:5.999999999Z07:00}, the same with a lower-case {@code t},
 * {@code 2006-1-2 15:4:5.999999999} and {@code 2006-1-2}. This follows time.Parse for exactly
 * those layouts: one- or two-digit fields, range checks, a fraction of any length after '.' or
 * ',', the day checked against the month, and no text left over.
 */
final class GoYamlTimestamps {
    private GoYamlTimestamps() {
    }

    static boolean isTimestamp(String text) {
        return parse(text) != null;
    }

    /**
     * The timestamp as Go's time.Time prints itself in JSON (RFC 3339 with nanoseconds: the
     * fraction without trailing zeros, {@code Z} for a zero or missing offset), or null when the
     * text is not a timestamp.
     */
    static String rfc3339(String text) {
        Cursor cursor = parse(text);
        return cursor == null ? null : cursor.rfc3339();
    }

    private static Cursor parse(String text) {
        // The quick check: four digits, then '-'.
        if (text.length() < 5 || text.charAt(4) != '-') {
            return null;
        }
        for (int i = 0; i < 4; i++) {
            if (!isDigit(text, i)) {
                return null;
            }
        }
        for (char separator : new char[] {'T', 't', ' '}) {
            Cursor cursor = new Cursor(text);
            if (cursor.dateTime(separator, separator != ' ')) {
                return cursor;
            }
        }
        Cursor date = new Cursor(text);
        return date.date() && date.atEnd() && date.dayFitsMonth() ? date : null;
    }

    private static boolean isDigit(String text, int at) {
        return at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9';
    }

    /** Reads a value left to right, as time.Parse does. */
    private static final class Cursor {
        private final String text;
        private int at;
        private int last;
        private int year;
        private int month;
        private int day;
        private int hour;
        private int minute;
        private int second;
        private String fraction = "";
        /** The zone offset in minutes east of UTC. */
        private int offset;

        Cursor(String text) {
            this.text = text;
        }

        boolean date() {
            year = Integer.parseInt(text, 0, 4, 10);
            at = 4;
            if (!literal('-') || !number(1, 12)) {
                return false;
            }
            month = last;
            if (!literal('-') || !number(0, 99)) {
                return false;
            }
            day = last;
            return true;
        }

        /** A date, the separator, a time with optional fraction, and a zone when {@code zoned}. */
        boolean dateTime(char separator, boolean zoned) {
            if (!date()) {
                return false;
            }
            boolean separated = separator == ' ' ? spaces() : literal(separator);
            if (!separated || !number(0, 23)) {
                return false;
            }
            hour = last;
            if (!literal(':') || !number(0, 59)) {
                return false;
            }
            minute = last;
            if (!literal(':') || !number(0, 59)) {
                return false;
            }
            second = last;
            fraction();
            return (!zoned || zone()) && atEnd() && dayFitsMonth();
        }

        /** time.Parse's getnum: one digit, or two when a second follows; then the range check. */
        boolean number(int min, int max) {
            if (!isDigit(text, at)) {
                return false;
            }
            last = text.charAt(at++) - '0';
            if (isDigit(text, at)) {
                last = last * 10 + text.charAt(at++) - '0';
            }
            return last >= min && last <= max;
        }

        boolean literal(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        /** A space in a layout matches a run of spaces. */
        boolean spaces() {
            if (!literal(' ')) {
                return false;
            }
            while (literal(' ')) {
                // keep skipping
            }
            return true;
        }

        /** Optional: '.' or ',' then at least one digit, then any number of digits (nanoseconds kept). */
        void fraction() {
            if (at + 1 < text.length() && (text.charAt(at) == '.' || text.charAt(at) == ',') && isDigit(text, at + 1)) {
                int start = ++at;
                while (isDigit(text, at)) {
                    at++;
                }
                fraction = text.substring(start, Math.min(at, start + 9));
            }
        }

        /** Z07:00: a 'Z', or a sign, two-digit hours up to 24, ':' and two-digit minutes up to 60. */
        boolean zone() {
            if (literal('Z')) {
                return true;
            }
            if (text.length() - at < 6 || text.charAt(at + 3) != ':') {
                return false;
            }
            char sign = text.charAt(at);
            boolean digits = isDigit(text, at + 1) && isDigit(text, at + 2) && isDigit(text, at + 4) && isDigit(text, at + 5);
            if (!digits || (sign != '+' && sign != '-')) {
                return false;
            }
            int hours = Integer.parseInt(text, at + 1, at + 3, 10);
            int minutes = Integer.parseInt(text, at + 4, at + 6, 10);
            offset = (sign == '-' ? -1 : 1) * (hours * 60 + minutes);
            at += 6;
            return hours <= 24 && minutes <= 60;
        }

        boolean atEnd() {
            return at == text.length();
        }

        boolean dayFitsMonth() {
            int days = switch (month) {
                case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
                case 4, 6, 9, 11 -> 30;
                default -> 31;
            };
            return day >= 1 && day <= days;
        }

        String rfc3339() {
            String nanos = fraction.replaceAll("0+$", "");
            String zone = offset == 0 ? "Z"
                    : String.format("%s%02d:%02d", offset < 0 ? "-" : "+", Math.abs(offset) / 60, Math.abs(offset) % 60);
            return String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", year, month, day, hour, minute, second,
                    nanos.isEmpty() ? "" : "." + nanos, zone);
        }
    }
}
