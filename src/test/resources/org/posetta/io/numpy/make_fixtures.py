"""Writes the NumPy fixtures of the io tests (run once with NumPy >= 2; the tests never run Python).

Values follow simple formulas so that the tests can check them by hand:
  pickle_pN.npy   0-d object array holding a VideoPose3D-like dict, pickled at protocol N (2..5)
  plain_stored.npz / plain_deflated.npz   one array per supported dtype (np.savez / np.savez_compressed)
  h36m_3d.npz     positions_3d: {'S1': {'Walking 1': (3, 32, 3)}, 'S9': {'Eating': (2, 17, 3)}}
  h36m_2d.npz     positions_2d: {'S1': {'Walking 1': [(3, 17, 2), (3, 17, 2)]}} + metadata (layout 'coco')
"""
import os
import pickle
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))


def grid(*shape, dtype=np.float32):
    """a[i0, i1, ...] = i0 * 100 + i1 * 10 + i2 + 0.5 (as far as the rank goes)."""
    idx = np.indices(shape)
    weights = [100, 10, 1][-len(shape):] if len(shape) <= 3 else None
    return (sum(w * i for w, i in zip(weights, idx)) + 0.5).astype(dtype)


def pickled_dict():
    return {
        'S1': {'Walking 1': [grid(2, 3, 2), grid(2, 3, 2, dtype=np.float64)]},
        'meta': {'n': np.int64(3), 'f': np.float32(1.5), 'ok': np.bool_(True), 'name': np.str_('mpii16')},
        'plain': [1, 2.5, 'x', None, True, (4, 5)],
        'bools': np.array([True, False, True]),
        'ints': np.array([-1, 0, 7], dtype=np.int16),
    }


for protocol in (2, 3, 4, 5):
    # np.save pickles at a fixed protocol, so write the .npy header and the pickle separately
    with open(os.path.join(here, 'pickle_p%d.npy' % protocol), 'wb') as f:
        arr = np.empty((), dtype=object)
        arr[()] = pickled_dict()
        np.lib.format.write_array_header_1_0(f, np.lib.format.header_data_from_array_1_0(arr))
        pickle.dump(arr, f, protocol=protocol)

plain = {
    'f4': grid(2, 3), 'f8': grid(2, 3, dtype=np.float64), 'i1': np.array([-128, 0, 127], dtype=np.int8),
    'i2': np.array([-32768, 1, 32767], dtype=np.int16), 'i4': np.array([-2**31, 2, 2**31 - 1], dtype=np.int32),
    'i8': np.array([-2**63, 3, 2**63 - 1], dtype=np.int64), 'u1': np.array([0, 128, 255], dtype=np.uint8),
    'b1': np.array([[True, False], [False, True]]), 'text': np.array('h36m17'), 'scalar': np.float64(2.25),
    'empty': np.zeros((0, 17, 3), dtype=np.float32),
}
np.savez(os.path.join(here, 'plain_stored.npz'), **plain)
np.savez_compressed(os.path.join(here, 'plain_deflated.npz'), **plain)

np.savez_compressed(os.path.join(here, 'h36m_3d.npz'), positions_3d={
    'S1': {'Walking 1': grid(3, 32, 3)}, 'S9': {'Eating': grid(2, 17, 3)}})
np.savez_compressed(os.path.join(here, 'h36m_2d.npz'),
                    positions_2d={'S1': {'Walking 1': [grid(3, 17, 2), grid(3, 17, 2) + 1000]}},
                    metadata={'layout_name': 'coco', 'num_joints': 17, 'cameras': ['cam_a', 'cam_b']})
