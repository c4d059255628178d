package org.posetta.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;

class LimbGroupTest {
    @Test
    void groupsOfTheCanonicalLayout() {
        assertThat(LimbGroup.LEFT_ARM.joints(Layout.H36M17)).containsExactly(11, 12, 13);
        assertThat(LimbGroup.RIGHT_ARM.joints(Layout.H36M17)).containsExactly(14, 15, 16);
        assertThat(LimbGroup.RIGHT_LEG.joints(Layout.H36M17)).containsExactly(1, 2, 3);
        assertThat(LimbGroup.LEGS.joints(Layout.H36M17)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(LimbGroup.ARMS.joints(Layout.H36M17)).containsExactly(11, 12, 13, 14, 15, 16);
        assertThat(LimbGroup.HEAD.joints(Layout.H36M17)).containsExactly(9, 10);
    }

    @Test
    void groupsOfOtherLayoutsIncludeTheirHandsFeetAndFaces() {
        // BlazePose: the foot index is a leg joint, not an arm's index finger.
        assertThat(LimbGroup.LEFT_LEG.joints(Layout.BLAZEPOSE33)).containsExactly(23, 25, 27, 29, 31);
        assertThat(LimbGroup.LEFT_ARM.joints(Layout.BLAZEPOSE33)).containsExactly(11, 13, 15, 17, 19, 21);
        assertThat(LimbGroup.HEAD.joints(Layout.COCO17)).containsExactly(0, 1, 2, 3, 4);
        assertThat(LimbGroup.HEAD.joints(Layout.MPII16)).containsExactly(8, 9);
        assertThat(LimbGroup.LEFT_ARM.joints(Layout.BANDAI22)).containsExactly(6, 7, 8, 9);
        assertThat(LimbGroup.RIGHT_LEG.joints(Layout.BANDAI22)).containsExactly(18, 19, 20, 21);
        // OpenPose's neck is the neck base, not part of the head.
        assertThat(LimbGroup.HEAD.joints(Layout.BODY25)).containsExactly(0, 15, 16, 17, 18);
        assertThat(LimbGroup.HEAD.joints(Layout.DEEPMIMIC15)).isEmpty();
    }

    @Test
    void parsesCommandLineNames() {
        assertThat(LimbGroup.parse("left-arm")).isEqualTo(LimbGroup.LEFT_ARM);
        assertThat(LimbGroup.parse("LEGS")).isEqualTo(LimbGroup.LEGS);
        assertThatThrownBy(() -> LimbGroup.parse("tail")).isInstanceOf(PosettaException.class).hasMessageContaining("left_arm");
    }
}
