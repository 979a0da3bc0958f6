package dev.petrel.testkit.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Tasks run at once, such as several road warriors connecting together. */
public final class Parallel {
    private Parallel() {}

    /**
     * Runs {@code tasks} at once on {@code executor} and adds their results, in order, to {@code into}: also those that
     * succeed after another failed, so that the caller can close them. Then throws the first failure (the others
     * suppressed in it), or returns {@code into}.
     */
    public static <T> List<T> all(ExecutorService executor, List<Callable<T>> tasks, List<T> into) throws Exception {
        List<Future<T>> futures = tasks.stream().map(executor::submit).toList();
        Exception failure = null;
        for (Future<T> f : futures) {
            try {
                into.add(f.get());
            } catch (ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception c ? c : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return into;
    }

    /** {@link #all(ExecutorService, List, List)} into a new list. */
    public static <T> List<T> all(ExecutorService executor, List<Callable<T>> tasks) throws Exception {
        return all(executor, tasks, new ArrayList<>());
    }
}
