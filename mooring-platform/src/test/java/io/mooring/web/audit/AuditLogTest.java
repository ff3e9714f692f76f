package io.mooring.web.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log's bounds: the oldest entries go, the newest always stays. */
class AuditLogTest {
    @Test
    void keepsAtMostTheLimitDroppingTheOldest() {
        String lines = "";
        for (int i = 0; i < AuditLog.LIMIT + 5; i++) {
            lines = AuditLog.append(lines, "{\"n\":" + i + "}");
        }
        String[] kept = lines.split("\n");
        assertThat(kept).hasSize(AuditLog.LIMIT);
        assertThat(kept[0]).as("the oldest kept").isEqualTo("{\"n\":5}");
        assertThat(kept[kept.length - 1]).isEqualTo("{\"n\":" + (AuditLog.LIMIT + 4) + "}");
    }

    @Test
    void staysUnderItsSizeEvenWithLongEntries() {
        String lines = "";
        String big = "x".repeat(100_000);
        for (int i = 0; i < 20; i++) {
            lines = AuditLog.append(lines, i + big);
        }
        assertThat(lines.length()).isLessThanOrEqualTo(AuditLog.MAX_BYTES);
        assertThat(lines).as("the newest entry is there").contains("19" + big);
        assertThat(lines).doesNotContain("0" + big + "\n1");
    }
}
