package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.posetta.pose.PosettaException;

class SafetensorsHeaderTest {
    @Test
    void refusesLengthsBeyondTheFileBeforeAnythingIsAllocated() {
        assertThatThrownBy(() -> SafetensorsHeader.check(file(Long.MAX_VALUE, "{}", 0), "a.safetensors"))
                .isInstanceOf(PosettaException.class).hasMessageContaining("a.safetensors").hasMessageContaining("header length");
        String huge = "{\"w\":{\"dtype\":\"F32\",\"shape\":[100000,100000],\"data_offsets\":[0,40000000000]}}";
        assertThatThrownBy(() -> SafetensorsHeader.check(file(huge.length(), huge, 16), "b.safetensors"))
                .isInstanceOf(PosettaException.class).hasMessageContaining("tensor 'w'");
        String mismatch = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,8]}}";
        assertThatThrownBy(() -> SafetensorsHeader.check(file(mismatch.length(), mismatch, 16), "c.safetensors"))
                .isInstanceOf(PosettaException.class).hasMessageContaining("claims bytes 0 to 8");
        String fine = "{\"__metadata__\":{\"a\":\"b\"},\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        SafetensorsHeader.check(file(fine.length(), fine, 16), "d.safetensors");
    }

    private static byte[] file(long statedLength, String header, int data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data).order(ByteOrder.LITTLE_ENDIAN).putLong(statedLength).put(h).array();
    }
}
