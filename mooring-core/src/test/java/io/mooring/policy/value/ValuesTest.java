package io.mooring.policy.value;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ValuesTest {
    @ParameterizedTest(name = "{0} and {1} compare as {2}")
    @CsvSource({"1Gi, 1024Mi, 0", "500m, 0.5, 0", "1.5Gi, 1536Mi, 0", "2k, 1999, 1", "100Mi, 1Gi, -1", "1e3, 1k, 0", "0.1, 100m, 0"})
    void quantitiesCompareByAmountWhateverTheirSuffix(String a, String b, int order) {
        assertThat(Integer.signum(Quantity.parse(a).orElseThrow().compareTo(Quantity.parse(b).orElseThrow()))).isEqualTo(order);
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({"1000, 1k", "1500, 1500", "0.5, 500m", "2048Ki, 2Mi", "1536Mi, 1536Mi", "100m, 100m", "3e3, 3e3", "1.5, 1500m"})
    void quantitiesPrintCanonicallyAsApimachineryDoes(String text, String printed) {
        assertThat(Quantity.parse(text).orElseThrow()).hasToString(printed);
    }

    @Test
    void textThatIsNoQuantityIsRefused() {
        assertThat(Quantity.parse("nginx")).isEmpty();
        assertThat(Quantity.parse("1.5.5")).isEmpty();
        assertThat(Quantity.parse("10K")).as("kilo is lower-case k").isEmpty();
        assertThat(Quantity.parse("")).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1} ns")
    @CsvSource({"1h, 3600000000000", "1h30m, 5400000000000", "1.5s, 1500000000", "300ms, 300000000", "-2m, -120000000000", "0, 0", "2us, 2000"})
    void goDurationsParse(String text, long nanos) {
        assertThat(GoDuration.parse(text)).contains(nanos);
    }

    @Test
    void goDurationsRefuseNumbersWithoutUnitsAndUnknownUnits() {
        assertThat(GoDuration.parse("100")).isEmpty();
        assertThat(GoDuration.parse("1d")).isEmpty();
        assertThat(GoDuration.parse("")).isEmpty();
    }

    @ParameterizedTest(name = "{0} ns prints as {1}")
    @CsvSource({"3600000000000, 1h0m0s", "90000000000, 1m30s", "1500000000, 1.5s", "300000000, 300ms", "0, 0s", "1500, 1.5\u00b5s", "-5000000000, -5s"})
    void goDurationsPrintAsGoDoes(long nanos, String text) {
        assertThat(GoDuration.format(nanos)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({"?*, a, true", "?*, '', false", "*, '', true", "*.example.com, a.b.example.com, true", "a?c, abc, true",
            "a?c, ac, false", "*a*a*a*b, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false", "ghcr.io/*, ghcr.io/org/app:1, true"})
    void wildcardsMatchAsKyvernoDoes(String pattern, String name, boolean matches) {
        assertThat(Wildcard.match(pattern, name)).isEqualTo(matches);
    }

    @Test
    void goTextPrintsNumbersAsFloat64sAre() {
        assertThat(GoText.formatG(80)).isEqualTo("80");
        assertThat(GoText.formatG(1_000_000)).isEqualTo("1e+06");
        assertThat(GoText.formatG(0.5)).isEqualTo("0.5");
        assertThat(GoText.formatFixed6(2)).isEqualTo("2.000000");
    }

    @Test
    void imageReferencesSplitAsKyvernoSplitsThem() {
        assertThat(ImageReference.parse("nginx")).contains(new ImageReference("docker.io", "nginx", "nginx", "latest", ""));
        assertThat(ImageReference.parse("ghcr.io/org/app:1.2")).contains(new ImageReference("ghcr.io", "org/app", "app", "1.2", ""));
        assertThat(ImageReference.parse("localhost:5000/app").map(ImageReference::registry)).isEqualTo(Optional.of("localhost:5000"));
        assertThat(ImageReference.parse("Not An Image")).isEmpty();
    }

    @Test
    void semverRangesAreAndWithinAlternativesOrBetweenThem() {
        Semver version = Semver.parse("1.4.0");
        assertThat(Semver.inRange(version, ">=1.2.0 <2.0.0")).isTrue();
        assertThat(Semver.inRange(version, "<1.0.0 || >=1.4.0")).isTrue();
        assertThat(Semver.inRange(version, "!=1.4.0")).isFalse();
        assertThat(Semver.parse("1.4.0-rc.1").compareTo(version)).as("a pre-release comes before its release").isNegative();
    }
}
