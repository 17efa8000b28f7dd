/**
 * The Component Model binary format: decoding each section into definitions, one record per kind,
 * and validating every index against its index space. Nothing here runs code.
 */
package dev.iotypes.component.binary;
