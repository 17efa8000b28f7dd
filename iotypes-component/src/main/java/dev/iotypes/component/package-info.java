/**
 * Components: {@link dev.iotypes.component.Component} loads a Component Model binary (its core
 * modules on the same engine, limits and cache as a core module), {@link
 * dev.iotypes.component.ComponentCommand} runs a WASI 0.2 command component as a preview1 command
 * is run, {@link dev.iotypes.component.ComponentMain} binds and calls a component's typed main (an
 * export {@code main} over streams, arrays and plain values). See {@code docs/components.md}.
 */
package dev.iotypes.component;
