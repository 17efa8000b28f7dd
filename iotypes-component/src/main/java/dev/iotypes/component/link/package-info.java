/**
 * Instantiation: the definitions of a component walked in order into live items (core instances on
 * the engine, lifted and lowered functions, resource types), imports resolved against Java host
 * interfaces by name and compatible version.
 */
package dev.iotypes.component.link;
