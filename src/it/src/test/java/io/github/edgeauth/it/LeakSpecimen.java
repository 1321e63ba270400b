package io.github.edgeauth.it;

/**
 * What {@link LeakCheckTest} leaks on purpose: it loads this class only in class loaders of its own and nothing
 * else names it, so the heap holds exactly the copies that test makes.
 */
final class LeakSpecimen {
    private LeakSpecimen() {
    }
}
