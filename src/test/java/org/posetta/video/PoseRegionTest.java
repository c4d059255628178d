package org.posetta.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoseRegionTest {
    @Test
    void anUprightPersonGivesAnUnrotatedSquareOfTwoAndAHalfTimesTheAlignmentDistance() {
        PoseRegion r = PoseRegion.fromAlignment(100, 200, 100, 160);
        assertThat(r.rotation()).isCloseTo(0, within(1e-12));
        assertThat(r.size()).isCloseTo(2 * 40 * 1.25, within(1e-9));
        assertThat(r.cx()).isEqualTo(100);
        assertThat(r.cy()).isEqualTo(200);
        // crop corner (0, 0) is the top left of the square
        assertThat(r.imageX(0, 0)).isCloseTo(50, within(1e-9));
        assertThat(r.imageY(0, 0)).isCloseTo(150, within(1e-9));
    }

    @Test
    void aPersonLyingHeadRightIsTurnedSoThatTheCropShowsThemUpright() {
        // hip at (100, 100), full-body point to the right: the crop's "up" (v decreasing) must point to +x
        PoseRegion r = PoseRegion.fromAlignment(100, 100, 140, 100);
        assertThat(r.rotation()).isCloseTo(Math.PI / 2, within(1e-12));
        assertThat(r.imageX(0.5, 0.0)).isCloseTo(100 + r.size() / 2, within(1e-9));
        assertThat(r.imageY(0.5, 0.0)).isCloseTo(100, within(1e-9));
    }

    @Test
    void theSamplerReadsTheFramePixelsInsideAndBlackOutside() {
        VideoFrame frame = new VideoFrame(0, 4, 4, new byte[4 * 4 * 3]);
        frame.rgb()[(1 * 4 + 2) * 3] = (byte) 255; // red at pixel (2, 1)
        float[] out = new float[4 * 4 * 3];
        // the whole frame, one output pixel per input pixel
        FrameSampler.sample(frame, new PoseRegion(2, 2, 4, 0), 4, 0f, 1f, out);
        assertThat(out[(1 * 4 + 2) * 3]).isCloseTo(1f, within(1e-6f));
        assertThat(out[(1 * 4 + 1) * 3]).isZero();
        // a square twice the frame: the frame fills the middle, the border is black, mapped to lo
        float[] wide = new float[4 * 4 * 3];
        FrameSampler.sample(frame, new PoseRegion(2, 2, 8, 0), 4, -1f, 1f, wide);
        assertThat(wide[0]).isEqualTo(-1f);
    }
}
