package org.posetta.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Layouts are trees with mirror pairs, and their maps to H36M-17 round-trip where a joint is a plain copy. */
class JointMapTest {
    private static Motion3d random(Layout l, int frames, long seed) {
        Random rnd = new Random(seed);
        float[] xyz = new float[frames * l.size() * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) rnd.nextGaussian();
        }
        return new Motion3d(l, 30, CoordinateFrame.CAMERA, xyz, null, null);
    }

    @Test
    void everyLayoutIsOneTreeWhoseMirrorPairsSwapNamesAndFlipTwiceIsTheIdentity() {
        for (Layout l : Layout.all()) {
            assertThat(l.bones().length).as(l.id()).isEqualTo(l.size() - 1);
            int root = l.root();
            for (int j = 0; j < l.size(); j++) {
                int steps = 0;
                for (int k = j; k != root; k = l.parent(k)) {
                    assertThat(++steps).as("%s joint %s reaches the root", l.id(), l.joint(j)).isLessThan(l.size());
                }
            }
            int[] flip = l.flipPermutation();
            for (int j = 0; j < l.size(); j++) {
                assertThat(flip[flip[j]]).isEqualTo(j);
            }
            for (int[] pair : l.symmetricPairs()) {
                String left = l.joint(pair[0]).toLowerCase(Locale.ROOT);
                String right = l.joint(pair[1]).toLowerCase(Locale.ROOT);
                assertThat(left.replace("left", "right").replace("_l", "_r")).as(l.id()).isEqualTo(right);
            }
        }
    }

    @Test
    void directlyCopiedJointsRoundTripThroughH36mAndTheLimbsAlwaysDo() {
        for (Layout l : Layout.all()) {
            Motion3d m = random(l, 5, l.size());
            JointMap in = JointMap.toCanonical(l);
            JointMap out = JointMap.between(Layout.H36M17, l);
            Motion3d back = out.apply(in.apply(m));
            int copied = 0;
            for (int j = 0; j < l.size(); j++) {
                boolean direct = out.isDirect(j) && in.isDirect(out.sourcesOf(j)[0]);
                if (direct) {
                    copied++;
                    for (int t = 0; t < 5; t++) {
                        assertThat(back.isValid(t, j)).isTrue();
                        for (int c = 0; c < 3; c++) {
                            assertThat(back.get(t, j, c)).as("%s %s", l.id(), l.joint(j)).isEqualTo(m.get(t, j, c));
                        }
                    }
                }
            }
            // shoulders, elbows, wrists, hips, knees and ankles of both sides
            assertThat(copied).as(l.id()).isGreaterThanOrEqualTo(l == Layout.H36M17 ? 17 : 12);
        }
    }

    @Test
    void aDerivedJointIsTheMeanOfItsSourcesValidOnlyWhereAllAreAndAsConfidentAsTheLeast() {
        Layout coco = Layout.COCO17;
        Motion3d m = random(coco, 2, 3);
        boolean[] valid = m.validity();
        valid[coco.indexOf("left_hip")] = false;
        Motion3d gappy = new Motion3d(coco, 30, CoordinateFrame.CAMERA, m.positions(), valid, null);
        Motion3d h = JointMap.toCanonical(coco).apply(gappy);
        int lh = coco.indexOf("left_hip");
        int rh = coco.indexOf("right_hip");
        assertThat(h.isValid(0, 0)).as("pelvis without the left hip").isFalse();
        assertThat(h.isValid(1, 0)).isTrue();
        for (int c = 0; c < 3; c++) {
            assertThat(h.get(1, 0, c)).isEqualTo((float) (0.5 * m.get(1, lh, c) + 0.5 * m.get(1, rh, c)));
        }

        float[] conf = new float[2 * coco.size()];
        Arrays.fill(conf, 0.9f);
        conf[coco.size() + rh] = 0.4f;
        Keypoints2d k = new Keypoints2d(coco, 30, 640, 480, new float[2 * coco.size() * 2], conf, null);
        Keypoints2d hk = JointMap.toCanonical(coco).apply(k);
        assertThat(hk.confidence(0, 0)).isEqualTo(0.9f);
        assertThat(hk.confidence(1, 0)).isEqualTo(0.4f);
    }
}
