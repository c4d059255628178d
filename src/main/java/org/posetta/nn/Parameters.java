package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The named tensors of one network, in the order its layers declared them. A layer declares
 * each of its tensors once, under a dotted name ({@code blocks.0.fc1.weight}), as trainable or
 * frozen; the optimizer takes {@link #trainable()}, a checkpoint saves {@link #all()} by name.
 * The tensors live in a manager of their own, so that per-step scopes never close them.
 */
public final class Parameters implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Set<String> frozen = new LinkedHashSet<>();

    public Parameters(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /** The manager that owns the tensors; create values for {@link #declare} in it. */
    public NDManager manager() {
        return manager;
    }

    /**
     * Declares a tensor. Its value is taken over (attached to this store's manager).
     *
     * @throws IllegalArgumentException when the name is already declared
     */
    public NDArray declare(String name, NDArray value, boolean trainable) {
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("parameter " + name + " is declared twice");
        }
        value.attach(manager);
        value.setName(name);
        arrays.put(name, value);
        setTrainable(name, trainable);
        return value;
    }

    /** A tensor drawn uniformly from [−bound, bound] with Java's seeded generator, so that
     *  initialisation depends only on the seed, not on the engine. */
    public NDArray uniform(Random rng, double bound, long... shape) {
        Shape s = new Shape(shape);
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return manager.create(v, s);
    }

    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return a;
    }

    /** Trains or freezes a tensor; a frozen tensor gets no gradient and no update. */
    public void setTrainable(String name, boolean trainable) {
        NDArray a = get(name);
        if (trainable) {
            frozen.remove(name);
        } else {
            frozen.add(name);
        }
        a.setRequiresGradient(trainable);
    }

    /** Freezes (or unfreezes) every tensor whose name starts with {@code prefix}. */
    public void setTrainablePrefix(String prefix, boolean trainable) {
        for (String name : List.copyOf(arrays.keySet())) {
            if (name.startsWith(prefix)) {
                setTrainable(name, trainable);
            }
        }
    }

    public boolean isTrainable(String name) {
        get(name);
        return !frozen.contains(name);
    }

    /** Every tensor by name, in declaration order. */
    public Map<String, NDArray> all() {
        return Collections.unmodifiableMap(arrays);
    }

    /** The trainable tensors by name, in declaration order. */
    public Map<String, NDArray> trainable() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        arrays.forEach((name, a) -> {
            if (!frozen.contains(name)) {
                out.put(name, a);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Number of scalar values over all tensors. */
    public long count() {
        long n = 0;
        for (NDArray a : arrays.values()) {
            n += a.size();
        }
        return n;
    }

    /**
     * Overwrites every declared tensor with the value of the same name.
     *
     * @throws IllegalArgumentException when a name is missing or a shape differs
     */
    public void assign(Map<String, NDArray> values) {
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            NDArray v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("no value for parameter " + e.getKey());
            }
            if (!v.getShape().equals(e.getValue().getShape())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has shape " + e.getValue().getShape()
                        + ", the value " + v.getShape());
            }
        }
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            e.getValue().set(values.get(e.getKey()).toFloatArray());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
