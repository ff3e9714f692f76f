package io.mooring.sandbox.workloads.deployment;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RolloutMathTest {
    @Test
    void defaultPercentagesRoundSurgeUpAndUnavailabilityDown() {
        RolloutMath.Fenceposts fenceposts = RolloutMath.fenceposts(MissingNode.getInstance(), MissingNode.getInstance(), 10);
        assertThat(fenceposts).as("25% of 10: surge 2.5 up to 3, unavailable 2.5 down to 2")
                .isEqualTo(new RolloutMath.Fenceposts(3, 2));
    }

    @Test
    void bothZeroLeavesOneUnavailable() {
        assertThat(RolloutMath.fenceposts(IntNode.valueOf(0), TextNode.valueOf("10%"), 3))
                .as("10% of 3 rounds down to 0; a rollout must be able to move").isEqualTo(new RolloutMath.Fenceposts(0, 1));
    }

    @Test
    void refusesValuesThatAreNeitherNumbersNorPercentages() {
        assertThatThrownBy(() -> RolloutMath.fenceposts(TextNode.valueOf("lots"), IntNode.valueOf(1), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lots");
    }

    @Test
    void newReplicaSetGrowsWithinSurgeAndNeverPastDesired() {
        assertThat(RolloutMath.newReplicaSetSize(10, 3, 10, 0)).as("room for 3 above 10").isEqualTo(3);
        assertThat(RolloutMath.newReplicaSetSize(10, 3, 13, 3)).as("at desired + surge: wait").isEqualTo(3);
        assertThat(RolloutMath.newReplicaSetSize(10, 3, 11, 9)).as("no more than desired").isEqualTo(10);
    }

    @Test
    void oldReplicasGoOnlyAsFarAsAvailabilityAllows() {
        assertThat(RolloutMath.maxScaledDown(13, 10, 2, 3, 0)).as("13 - 8 minimum - 3 new unavailable").isEqualTo(2);
        assertThat(RolloutMath.maxScaledDown(13, 10, 2, 3, 3)).isEqualTo(5);
        assertThat(RolloutMath.oldScaleDownBudget(9, 10, 2)).as("available above the minimum of 8").isEqualTo(1);
        assertThat(RolloutMath.oldScaleDownBudget(7, 10, 2)).isZero();
    }

    @Test
    void proportionalScalingSharesByPreviousSize() {
        assertThat(RolloutMath.proportion(6, 13, 20, 5, 12, 0)).as("6 of 13 grows to 6*25/13 = 11.5 -> 12").isEqualTo(6);
        assertThat(RolloutMath.proportion(6, 13, 20, 5, 3, 0)).as("never more than is left to add").isEqualTo(3);
        assertThat(RolloutMath.proportion(4, 10, 0, 0, -4, 0)).as("scaling to zero takes everything").isEqualTo(-4);
    }
}
