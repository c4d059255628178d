package org.posetta.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RotationTest {
    private static final double EPS = 1e-12;

    @Test
    void quarterTurnsAboutEachAxisMoveTheBasisVectorsAsTheRightHandRuleSays() {
        double q = Math.PI / 2;
        assertVector(RotationMatrix.about(2, q).apply(new double[] {1, 0, 0}), 0, 1, 0);
        assertVector(RotationMatrix.about(0, q).apply(new double[] {0, 1, 0}), 0, 0, 1);
        assertVector(RotationMatrix.about(1, q).apply(new double[] {0, 0, 1}), 1, 0, 0);
        assertVector(new AxisAngle(0, 0, 1, q).toQuaternion().apply(new double[] {1, 0, 0}), 0, 1, 0);
        assertVector(new AxisAngle(1, 0, 0, q).toQuaternion().apply(new double[] {0, 1, 0}), 0, 0, 1);
        assertVector(new AxisAngle(0, 1, 0, q).toQuaternion().apply(new double[] {0, 0, 1}), 1, 0, 0);
        Quaternion z90 = Quaternion.of(Math.cos(q / 2), 0, 0, Math.sin(q / 2));
        assertThat(z90.toMatrix().toArray()).containsExactly(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, within(EPS));
    }

    @Test
    void bvhChannelOrderComposesLeftToRight() {
        // channels "Zrotation 90 Xrotation 90 Yrotation 0": R = Rz·Rx, Rx takes the child y axis to z, which Rz keeps
        RotationMatrix r = EulerOrder.ZXY.toMatrix(Math.PI / 2, Math.PI / 2, 0);
        assertVector(r.apply(new double[] {0, 1, 0}), 0, 0, 1);
        assertVector(r.apply(new double[] {1, 0, 0}), 0, 1, 0);
        assertThat(EulerOrder.parse("zxy")).isEqualTo(EulerOrder.ZXY);
        assertThat(EulerOrder.ZXY.axis(0)).isEqualTo(2);
        assertThatThrownBy(() -> EulerOrder.parse("XXY")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(EulerOrder.class)
    void eulerAnglesRoundTripInEveryOrder(EulerOrder order) {
        Random rnd = new Random(order.ordinal());
        for (int n = 0; n < 500; n++) {
            double a = (rnd.nextDouble() * 2 - 1) * Math.PI;
            double b = (rnd.nextDouble() * 2 - 1) * Math.PI / 2 * 0.999;
            double c = (rnd.nextDouble() * 2 - 1) * Math.PI;
            RotationMatrix r = order.toMatrix(a, b, c);
            assertThat(order.angles(r)).containsExactly(new double[] {a, b, c}, within(1e-9));
            RotationMatrix any = randomRotation(rnd);
            double[] e = order.angles(any);
            assertThat(order.toMatrix(e[0], e[1], e[2]).angleTo(any)).isLessThan(1e-9);
        }
    }

    @ParameterizedTest
    @EnumSource(EulerOrder.class)
    void eulerAnglesAtGimbalLockStillReproduceTheRotation(EulerOrder order) {
        for (double b : new double[] {Math.PI / 2, -Math.PI / 2}) {
            RotationMatrix r = order.toMatrix(0.7, b, -0.4);
            double[] e = order.angles(r);
            assertThat(e[1]).isCloseTo(b, within(1e-6));
            assertThat(order.toMatrix(e[0], e[1], e[2]).angleTo(r)).isLessThan(1e-6);
        }
    }

    @Test
    void quaternionMatrixAndAxisAngleRoundTrip() {
        Random rnd = new Random(7);
        for (int n = 0; n < 1000; n++) {
            Quaternion q = randomQuaternion(rnd);
            RotationMatrix r = q.toMatrix();
            Quaternion back = r.toQuaternion();
            assertThat(Math.abs(back.dot(q))).isCloseTo(1, within(1e-12));
            assertThat(back.w()).isGreaterThanOrEqualTo(0);
            AxisAngle aa = AxisAngle.of(q);
            assertThat(aa.angle()).isBetween(0.0, Math.PI);
            assertThat(aa.toMatrix().angleTo(r)).isLessThan(1e-7);
            double[] v = aa.rotationVector();
            assertThat(AxisAngle.ofRotationVector(v[0], v[1], v[2]).toQuaternion().angleTo(q)).isLessThan(1e-7);
            assertThat(RotationMatrix.of(r.toArray())).isEqualTo(r);
        }
        // near a half turn the trace is ~ −1 and only a diagonal pivot keeps precision
        RotationMatrix half = new AxisAngle(1, 2, 3, Math.PI - 1e-9).toMatrix();
        assertThat(half.toQuaternion().toMatrix().angleTo(half)).isLessThan(1e-8);
        assertThat(AxisAngle.of(RotationMatrix.IDENTITY).angle()).isZero();
    }

    @Test
    void quaternionTimesVectorEqualsMatrixTimesVector() {
        Random rnd = new Random(3);
        for (int n = 0; n < 1000; n++) {
            Quaternion p = randomQuaternion(rnd);
            Quaternion q = randomQuaternion(rnd);
            double[] v = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            assertThat(q.apply(v)).containsExactly(q.toMatrix().apply(v), within(1e-12));
            // composition agrees in both representations, and inverse undoes
            assertThat(p.times(q).apply(v)).containsExactly(p.toMatrix().times(q.toMatrix()).apply(v), within(1e-12));
            assertThat(q.inverse().apply(q.apply(v))).containsExactly(v, within(1e-12));
            assertThat(q.toMatrix().inverse().apply(q.apply(v))).containsExactly(v, within(1e-12));
        }
    }

    @ParameterizedTest
    @EnumSource(Rotation6d.Convention.class)
    void sixDRoundTripsAndProjectsNoisyInputOntoARotation(Rotation6d.Convention convention) {
        Random rnd = new Random(11);
        for (int n = 0; n < 500; n++) {
            RotationMatrix r = randomRotation(rnd);
            double[] d = Rotation6d.of(r, convention);
            assertThat(Rotation6d.toMatrix(d, 0, convention).toArray()).containsExactly(r.toArray(), within(1e-12));
            double[] noisy = new double[8];
            for (int i = 0; i < 6; i++) {
                noisy[2 + i] = 3 * d[i] + 0.05 * rnd.nextGaussian();
            }
            RotationMatrix projected = Rotation6d.toMatrix(noisy, 2, convention);
            assertThat(RotationMatrix.of(projected.toArray())).isEqualTo(projected);
            assertThat(projected.angleTo(r)).isLessThan(0.1);
        }
        assertThatThrownBy(() -> Rotation6d.toMatrix(new double[] {1, 0, 0, 2, 0, 0}, 0, convention))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sixDConventionsStoreColumnsOrRows() {
        RotationMatrix r = RotationMatrix.about(2, Math.PI / 2); // rows (0 −1 0) (1 0 0) (0 0 1)
        assertThat(Rotation6d.of(r, Rotation6d.Convention.COLUMNS)).containsExactly(new double[] {0, 1, 0, -1, 0, 0}, within(EPS));
        assertThat(Rotation6d.of(r, Rotation6d.Convention.ROWS)).containsExactly(new double[] {0, -1, 0, 1, 0, 0}, within(EPS));
    }

    @Test
    void slerpMovesAtConstantRateAlongTheShorterArc() {
        Quaternion a = new AxisAngle(0, 0, 1, 0.2).toQuaternion();
        Quaternion b = new AxisAngle(0, 0, 1, 1.4).toQuaternion();
        Quaternion bFlipped = Quaternion.of(-b.w(), -b.x(), -b.y(), -b.z());
        for (double t : new double[] {0, 0.25, 0.5, 1}) {
            assertThat(AxisAngle.of(a.slerp(b, t)).angle()).isCloseTo(0.2 + 1.2 * t, within(1e-12));
            assertThat(a.slerp(bFlipped, t).angleTo(a.slerp(b, t))).isLessThan(1e-7);
        }
        assertThat(a.slerp(a, 0.3).angleTo(a)).isLessThan(1e-7);
    }

    @Test
    void rejectsMatricesThatAreNotRotations() {
        assertThatThrownBy(() -> RotationMatrix.of(1, 0, 0, 0, 1, 0, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RotationMatrix.of(2, 0, 0, 0, 1, 0, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quaternion.of(0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AxisAngle(0, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Quaternion randomQuaternion(Random rnd) {
        return Quaternion.of(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
    }

    private static RotationMatrix randomRotation(Random rnd) {
        return randomQuaternion(rnd).toMatrix();
    }

    private static void assertVector(double[] v, double x, double y, double z) {
        assertThat(v).containsExactly(new double[] {x, y, z}, within(EPS));
    }
}
