package uk.nhs.sdk.messaging.mesh.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzips a stream as one gzip member whose deflate blocks are compressed on several threads, in
 * the way pigz does: the input is cut into blocks of {@link #BLOCK} bytes; each block is deflated
 * on its own (raw deflate, the default level, as {@code GZIPOutputStream}), primed with the last
 * 32 KiB of the block before it as the dictionary and ended with a sync flush (the last one with
 * the final block), so the blocks joined in order are one valid deflate stream. The CRC-32 and the
 * length go in the trailer as usual. Any gzip reader reads it as one member; the bytes differ from
 * {@code GZIPOutputStream}'s only in where the compressor flushed.
 *
 * <p>Heap: at most {@code 2 * parallelism} blocks in flight, each an input buffer (512 KiB) and
 * an output buffer (a little more) and a 32 KiB dictionary, reused from block to block.
 */
final class ParallelGzip {
    /** Input bytes per block. */
    static final int BLOCK = 512 * 1024;

    private static final int DICTIONARY = 32 * 1024;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 0};

    private ParallelGzip() {}

    /**
     * Reads exactly {@code length} bytes of {@code in} and writes them gzipped to {@code out}.
     *
     * @param in the content
     * @param length how many bytes to read
     * @param out where the gzip member goes (not closed)
     * @param workers runs the blocks' compression
     * @param parallelism how many blocks may be compressed at once
     * @param blocks the blocks' buffers, reused from call to call (one call at a time)
     * @throws IOException when a read or write fails, {@code in} ends early, or the thread is interrupted
     */
    static void compress(
            InputStream in, long length, OutputStream out, Executor workers, int parallelism, Blocks blocks)
            throws IOException {
        CRC32 crc = new CRC32();
        out.write(HEADER);
        ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
        int window = Math.max(1, parallelism) * 2; // at least 2: see the dictionary below
        // the blocks' buffers are reused once their output is written: no garbage per block
        Block previous = null;
        long left = length;
        try {
            do {
                int size = (int) Math.min(BLOCK, left);
                Block block = blocks.take();
                block.size = size;
                readFully(in, block.input, size);
                crc.update(block.input, 0, size);
                left -= size;
                boolean last = left == 0;
                // the previous block is still in flight (the window is at least 2), so its input is
                // intact; every block but the last is BLOCK bytes, more than the dictionary
                block.dictionaryLength = previous == null ? 0 : DICTIONARY;
                if (previous != null) {
                    System.arraycopy(previous.input, BLOCK - DICTIONARY, block.dictionary, 0, DICTIONARY);
                }
                FutureTask<Block> task = new FutureTask<>(() -> block.deflate(last));
                inFlight.add(task);
                workers.execute(task);
                previous = block;
                while (inFlight.size() >= window || last && !inFlight.isEmpty()) {
                    Block done = await(inFlight.remove());
                    out.write(done.output, 0, done.outputLength);
                    blocks.give(done);
                }
            } while (left > 0);
        } finally {
            for (Future<Block> f : inFlight) {
                f.cancel(true); // a block still running is not reused: the deflater's cleaner ends it
            }
        }
        long c = crc.getValue();
        out.write(new byte[] {
            (byte) c,
            (byte) (c >>> 8),
            (byte) (c >>> 16),
            (byte) (c >>> 24),
            (byte) length,
            (byte) (length >>> 8),
            (byte) (length >>> 16),
            (byte) (length >>> 24)
        });
    }

    /**
     * The blocks of one chunk source, reused from block to block and chunk to chunk (at most
     * {@code 2 * parallelism + 1} of them); {@link #close()} ends their deflaters.
     */
    static final class Blocks {
        private final ArrayDeque<Block> free = new ArrayDeque<>();

        synchronized Block take() {
            return free.isEmpty() ? new Block() : free.pop();
        }

        synchronized void give(Block b) {
            free.push(b);
        }

        /** Ends the free blocks' deflaters (their native memory). */
        synchronized void close() {
            for (Block b : free) {
                b.deflater.end();
            }
            free.clear();
        }
    }

    /** One block's input and output buffers, reused from block to block. */
    private static final class Block {
        /** One deflater per block, reset between uses: its native state is allocated once. */
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);

        final byte[] input = new byte[BLOCK];
        final byte[] dictionary = new byte[DICTIONARY];
        int dictionaryLength;
        byte[] output = new byte[BLOCK + BLOCK / 1000 + 64];
        int size;
        int outputLength;

        /** Raw-deflates the input: sync-flushed, or finished when it is the last block. */
        Block deflate(boolean last) {
            Deflater d = deflater;
            d.reset();
            if (dictionaryLength > 0) {
                d.setDictionary(dictionary, 0, dictionaryLength);
            }
            d.setInput(input, 0, size);
            if (last) {
                d.finish();
            }
            int len = 0;
            while (true) {
                if (len == output.length) {
                    output = Arrays.copyOf(output, output.length * 2);
                }
                int space = output.length - len;
                int n = d.deflate(output, len, space, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                len += n;
                if (last ? d.finished() : n < space) {
                    break;
                }
            }
            outputLength = len;
            return this;
        }
    }

    private static void readFully(InputStream in, byte[] block, int size) throws IOException {
        int off = 0;
        while (off < size) {
            int n = in.read(block, off, size - off);
            if (n == -1) {
                throw new EOFException("the content ended before its declared length");
            }
            off += n;
        }
    }

    private static Block await(Future<Block> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing a chunk");
        } catch (ExecutionException e) {
            throw new IOException("compressing a chunk failed", e.getCause());
        } catch (CancellationException e) {
            throw new InterruptedIOException("compressing a chunk was cancelled");
        }
    }
}
