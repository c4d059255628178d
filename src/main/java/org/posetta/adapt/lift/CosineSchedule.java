package org.posetta.adapt.lift;

/**
 * The diffusion process of the lifter (D3DP, as PoSynDA uses it): T steps with the cosine noise
 * schedule of Nichol and Dhariwal, the forward (noising) process and the DDIM update. Computed in
 * double precision. Immutable.
 *
 * <pre>
 * ᾱ(i) = cos²((i/T + s)/(1 + s) · π/2) / cos²(s/(1 + s) · π/2),  i = 0..T
 * β_i  = clip(1 − ᾱ(i+1)/ᾱ(i), 0, 0.999),  α_i = 1 − β_i,  ᾱ_t = Π_{i ≤ t} α_i,  t = 0..T−1
 * </pre>
 * and ᾱ_{−1} = 1 (no noise), the end of the reverse process.
 */
public final class CosineSchedule {
    /** D3DP's and PoSynDA's number of steps. */
    public static final int DEFAULT_STEPS = 1000;
    /** The offset s that keeps β small near t = 0. */
    public static final double DEFAULT_OFFSET = 0.008;

    private final double[] alphaBar;

    public CosineSchedule(int steps, double offset) {
        if (steps < 1) {
            throw new IllegalArgumentException("a schedule needs at least one step, got " + steps);
        }
        double c0 = Math.pow(Math.cos(offset / (1 + offset) * Math.PI / 2), 2);
        double[] curve = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            curve[i] = Math.pow(Math.cos(((double) i / steps + offset) / (1 + offset) * Math.PI / 2), 2) / c0;
        }
        alphaBar = new double[steps];
        double product = 1;
        for (int i = 0; i < steps; i++) {
            double beta = Math.min(Math.max(1 - curve[i + 1] / curve[i], 0), 0.999);
            product *= 1 - beta;
            alphaBar[i] = product;
        }
    }

    /** The schedule with T = 1000 and s = 0.008. */
    public static CosineSchedule standard() {
        return new CosineSchedule(DEFAULT_STEPS, DEFAULT_OFFSET);
    }

    public int steps() {
        return alphaBar.length;
    }

    /** ᾱ_t for t in [−1, T−1]; ᾱ_{−1} = 1. */
    public double alphaBar(int t) {
        if (t < -1 || t >= alphaBar.length) {
            throw new IllegalArgumentException("step " + t + " outside [-1, " + (alphaBar.length - 1) + "]");
        }
        return t < 0 ? 1.0 : alphaBar[t];
    }

    /**
     * The DDIM time grid with K steps: τ = trunc(linspace(−1, T−1, K+1)) reversed, as consecutive
     * pairs (t, t'). K = 1 gives (T−1, −1): one prediction of the clean pose from pure noise.
     *
     * @return K pairs {t, t'}, t' = −1 in the last
     */
    public int[][] timePairs(int k) {
        if (k < 1 || k > alphaBar.length) {
            throw new IllegalArgumentException("sampling steps must be in [1, " + alphaBar.length + "], got " + k);
        }
        int steps = alphaBar.length;
        int[] grid = new int[k + 1];
        for (int i = 0; i <= k; i++) {
            grid[i] = (int) (-1 + (double) steps * i / k);
        }
        int[][] pairs = new int[k][];
        for (int i = 0; i < k; i++) {
            pairs[i] = new int[] {grid[k - i], grid[k - i - 1]};
        }
        return pairs;
    }

    /**
     * The forward process: y_t = √ᾱ_t · y0 + √(1 − ᾱ_t) · ε, element by element.
     *
     * @param out written, may be {@code y0} or {@code noise}
     */
    public void noise(float[] y0, float[] noise, int t, float[] out) {
        double a = Math.sqrt(alphaBar(t));
        double b = Math.sqrt(1 - alphaBar(t));
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a * y0[i] + b * noise[i]);
        }
    }

    /**
     * One DDIM step from t to t' (t' &lt; t) given the network's clean-pose prediction x̂0:
     * <pre>
     * ε̂ = (x_t/√ᾱ_t − x̂0) / √(1/ᾱ_t − 1)
     * σ = η · √((1 − ᾱ_t/ᾱ_t') (1 − ᾱ_t') / (1 − ᾱ_t)),  c = √(1 − ᾱ_t' − σ²)
     * x_t' = √ᾱ_t' · x̂0 + c · ε̂ + σ · z
     * </pre>
     * η = 0 is deterministic DDIM, η = 1 the DDPM-like stochastic sampler D3DP uses. At t' = −1
     * the result is x̂0 itself.
     *
     * @param z   standard normal draws, read only when σ &gt; 0
     * @param out written, may alias an input
     */
    public void ddimStep(float[] xt, float[] x0, int t, int tNext, double eta, float[] z, float[] out) {
        if (tNext >= t) {
            throw new IllegalArgumentException("a DDIM step goes backwards in time, got " + t + " -> " + tNext);
        }
        if (tNext < 0) {
            System.arraycopy(x0, 0, out, 0, out.length);
            return;
        }
        double at = alphaBar(t);
        double an = alphaBar(tNext);
        double sigma = eta * Math.sqrt((1 - at / an) * (1 - an) / (1 - at));
        double c = Math.sqrt(Math.max(1 - an - sigma * sigma, 0));
        double sqrtAt = Math.sqrt(at);
        double epsScale = Math.sqrt(1 / at - 1);
        double sqrtAn = Math.sqrt(an);
        for (int i = 0; i < out.length; i++) {
            double eps = (xt[i] / sqrtAt - x0[i]) / epsScale;
            double next = sqrtAn * x0[i] + c * eps;
            if (sigma > 0) {
                next += sigma * z[i];
            }
            out[i] = (float) next;
        }
    }
}
