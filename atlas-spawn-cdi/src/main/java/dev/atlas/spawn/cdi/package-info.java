/**
 * CDI wiring of the spawner: the only package that imports {@code jakarta.enterprise} or {@code
 * jakarta.inject}. See {@link dev.atlas.spawn.cdi.SpawnerProducer}.
 */
package dev.atlas.spawn.cdi;
