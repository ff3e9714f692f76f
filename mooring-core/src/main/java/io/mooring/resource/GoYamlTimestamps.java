package io.mooring.resource;

/**
 * Whether go-yaml v2 reads a plain scalar as a timestamp (and so quotes such a string when it
 * prints it). v2 tries Go's {@code time.Parse} with four layouts, in order:
 * {@code 2006-1-2T15:4:5.999999999Z07:00}, the same with a lower-case {@code t},
 * {@code 2006-1-2 15:4:5.999999999} and {@code 2006-1-2}. This follows time.Parse for exactly
 * those layouts: one- or two-digit fields, range checks, a fraction of any length after '.' or
 * ',', the day checked against the month, and no text left over.
 */
final class GoYamlTimestamps {
    private GoYamlTimestamps() {
    }

    static boolean isTimestamp(String text) {
        // v2's quick check: four digits, then '-'.
        if (text.length() < 5 || text.charAt(4) != '-') {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (!isDigit(text, i)) {
                return false;
            }
        }
        return parses(text, 'T', true) || parses(text, 't', true) || parses(text, ' ', false) || parsesDate(text);
    }

    private static boolean parsesDate(String text) {
        Cursor cursor = new Cursor(text);
        return cursor.date() && cursor.atEnd() && cursor.dayFitsMonth();
    }

    /** A date, the separator, a time with optional fraction, and a zone when {@code zoned}. */
    private static boolean parses(String text, char separator, boolean zoned) {
        Cursor cursor = new Cursor(text);
        if (!cursor.date()) {
            return false;
        }
        boolean separated = separator == ' ' ? cursor.spaces() : cursor.literal(separator);
        return separated
                && cursor.number(0, 23) && cursor.literal(':')
                && cursor.number(0, 59) && cursor.literal(':')
                && cursor.number(0, 59)
                && cursor.fraction()
                && (!zoned || cursor.zone())
                && cursor.atEnd() && cursor.dayFitsMonth();
    }

    private static boolean isDigit(String text, int at) {
        return at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9';
    }

    /** Reads a value left to right, as time.Parse does. */
    private static final class Cursor {
        private final String text;
        private int at;
        private int year;
        private int month;
        private int day;
        private int last;

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

        /** Optional: '.' or ',' then at least one digit, then any number of digits. */
        boolean fraction() {
            if (at + 1 < text.length() && (text.charAt(at) == '.' || text.charAt(at) == ',') && isDigit(text, at + 1)) {
                at += 2;
                while (isDigit(text, at)) {
                    at++;
                }
            }
            return true;
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
    }
}
