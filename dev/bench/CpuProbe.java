import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A fixed piece of single-threaded work (sorting, hashing, strings), timed: run before a benchmark on an idle machine it
 * tells how fast the machine is that day, so that runs of different days can be compared (docs/performance.md). Run
 * with the benchmark server's JIT setting (C1 only); prints the best of three rounds.
 */
public class CpuProbe {

    public static void main(String[] args) {
        long best = Long.MAX_VALUE;
        long check = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            check += work();
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("machine speed probe: %d ms for a fixed piece of work (best of 3, one thread; check %d)%n",
                best / 1_000_000, Math.floorMod(check, 1000));
    }

    static long work() {
        Random r = new Random(42);
        int[] a = new int[2_000_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt();
        }
        Arrays.sort(a);
        Map<String, Integer> m = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400_000; i++) {
            sb.setLength(0);
            sb.append("vm-").append(i % 50_000).append('-').append(a[i] & 0xff);
            m.merge(sb.toString(), 1, Integer::sum);
        }
        return a[a.length / 2] + m.size();
    }
}
