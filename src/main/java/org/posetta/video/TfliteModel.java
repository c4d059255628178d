package org.posetta.video;

import java.io.IOException;
import java.io.InputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;

/**
 * A TensorFlow Lite model from the class path, run through the C++ interpreter API, which applies
 * the XNNPACK delegate (the C API in this build does not, and is about ten times slower). One
 * float32 input, float32 outputs. Not thread-safe: one instance per thread.
 */
final class TfliteModel implements AutoCloseable {
    // JavaCPP frees native memory when these are collected, so they stay reachable with the interpreter.
    private final BytePointer buffer;
    private final FlatBufferModel model;
    private final BuiltinOpResolver resolver;
    private final Interpreter interpreter;
    private final String name;

    TfliteModel(String resource, int threads) {
        this.name = resource;
        byte[] bytes;
        try (InputStream in = TfliteModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model " + resource + " is missing from the class path");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read model " + resource, e);
        }
        buffer = new BytePointer(bytes.length);
        buffer.put(bytes);
        model = FlatBufferModel.BuildFromBuffer(buffer, bytes.length);
        if (model == null || model.isNull()) {
            throw new IllegalStateException("TensorFlow Lite cannot load " + resource);
        }
        resolver = new BuiltinOpResolver();
        // a null Interpreter is the unique_ptr that the builder fills
        interpreter = new Interpreter((org.bytedeco.javacpp.Pointer) null);
        if (new InterpreterBuilder(model, resolver).apply(interpreter, threads) != 0 || interpreter.AllocateTensors() != 0) {
            throw new IllegalStateException("TensorFlow Lite cannot build an interpreter for " + resource);
        }
    }

    /** Runs the model on {@code input} and copies output {@code i} into {@code outputs[i]} (null to skip). */
    void run(float[] input, float[]... outputs) {
        FloatPointer in = interpreter.typed_input_tensor_float(0);
        in.put(input);
        if (interpreter.Invoke() != 0) {
            throw new IllegalStateException("TensorFlow Lite failed to run " + name);
        }
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] != null) {
                interpreter.typed_output_tensor_float(i).get(outputs[i]);
            }
        }
    }

    @Override
    public void close() {
        interpreter.close();
        resolver.close();
        model.close();
        buffer.close();
    }
}
