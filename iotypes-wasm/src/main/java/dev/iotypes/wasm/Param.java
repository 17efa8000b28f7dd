package dev.iotypes.wasm;

import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * One parameter of a typed main: its WIT name (the CLI's option name), its kind, whether it is one
 * value, an {@code option} or a {@code list}, an enum's cases, and what its doc comment says.
 *
 * @param typeName the WIT spelling of the kind: {@code u32}, or the enum's own name
 * @param cases an enum's cases in order (a case's index is its core value); empty for other kinds
 */
public record Param(
    String name, ParamType type, Arity arity, String typeName, List<String> cases, ParamDoc doc) {

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  /** How many values the parameter takes. */
  public enum Arity {
    /** Exactly one. */
    ONE,
    /** {@code option<T>}: none or one; lowered as an i32 discriminant, then T (zeros when none). */
    OPTIONAL,
    /**
     * {@code list<T>} of a handle kind: any number, lowered as {@code (first: i32, count: i32)},
     * handles {@code first .. first + count - 1}.
     */
    LIST
  }

  public Param {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(arity, "arity");
    Objects.requireNonNull(typeName, "typeName");
    cases = List.copyOf(cases);
    Objects.requireNonNull(doc, "doc");
    if ((type == ParamType.ENUM) == cases.isEmpty()) {
      throw new IllegalArgumentException(name + ": an enum, and only an enum, has cases");
    }
    if (arity == Arity.LIST && !type.isHandle()) {
      throw new IllegalArgumentException(
          name + ": list<" + typeName + "> cannot be bound: a list takes handles");
    }
  }

  /** One plain value or handle, undocumented. */
  public Param(String name, ParamType type) {
    this(name, type, Arity.ONE, type.wit(), List.of(), ParamDoc.NONE);
  }

  /**
   * This parameter documented by {@code doc}, checked as {@code docs/abi.md} says: only an option
   * takes a short flag, only a plain value other than a bool is positional, {@code -h} and {@code
   * --help} are the help's, and only a plain value that must otherwise be given has a default,
   * which must parse.
   *
   * @throws IllegalArgumentException naming the parameter and the rule it breaks
   */
  public Param withDoc(ParamDoc doc) {
    Param param = new Param(name, type, arity, typeName, cases, doc);
    if (doc.positional() && (type.isHandle() || type == ParamType.BOOL)) {
      throw new IllegalArgumentException(
          name + " cannot be positional: only a plain value other than a bool can");
    }
    if (!doc.shortName().isEmpty() && !param.isOption()) {
      throw new IllegalArgumentException(name + " is positional: it takes no flag");
    }
    if (param.isOption() && (name.equals("help") || doc.shortName().equals("h"))) {
      throw new IllegalArgumentException("-h and --help are kept for the help");
    }
    if (doc.hasDefault()) {
      if (param.isPositional() || arity != Arity.ONE || type == ParamType.BOOL) {
        throw new IllegalArgumentException(
            param + " cannot have a default: only a plain value that must be given can");
      }
      try {
        param.parse(doc.defaultValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("default of " + name + ": " + e.getMessage(), e);
      }
    }
    return param;
  }

  /**
   * Checks that no two of {@code params} declare the same short flag.
   *
   * @throws IllegalArgumentException naming the flag and both parameters
   */
  public static void checkShortNames(List<Param> params) {
    Map<String, String> seen = new HashMap<>();
    for (Param param : params) {
      String flag = param.doc().shortName();
      if (!flag.isEmpty()) {
        String other = seen.put(flag, param.name());
        if (other != null) {
          throw new IllegalArgumentException(
              "-" + flag + " is declared by both " + other + " and " + param.name());
        }
      }
    }
  }

  /**
   * Whether the CLI binds it from positional arguments (handles, and plain values documented {@code
   * positional}), not from {@code --NAME}; a clock or random source is neither ({@link
   * ParamType#isFromRun()}).
   */
  public boolean isPositional() {
    return type.isHandle() ? !type.isFromRun() : doc.positional();
  }

  /** Whether it is a plain value bound from an option {@code --NAME}. */
  public boolean isOption() {
    return !type.isHandle() && !doc.positional();
  }

  /** The WIT type as declared: {@code u32}, {@code option<mode>}, {@code list<input-stream>}. */
  public String wit() {
    return switch (arity) {
      case ONE -> typeName;
      case OPTIONAL -> "option<" + typeName + ">";
      case LIST -> "list<" + typeName + ">";
    };
  }

  /** The core-Wasm parameters it lowers to, in order. */
  List<ValType> lowered() {
    List<ValType> core = new ArrayList<>();
    if (arity != Arity.ONE) {
      core.add(ValType.I32); // the discriminant, or the first handle of a list
    }
    core.add(arity == Arity.LIST ? ValType.I32 : type.lowered()); // the value, or the count
    return core;
  }

  /**
   * The value that {@code text}, as a user types it, stands for: a {@link Long} (read unsigned for
   * a u64), {@link Double}, {@link Boolean}, or {@link String} (text, or an enum's case).
   *
   * @throws IllegalArgumentException with what was expected, e.g. {@code not a u8 (0 to 255): 300}
   */
  public Object parse(String text) {
    if (type.isInteger()) {
      return type.parseInteger(text);
    }
    return switch (type) {
      case BOOL -> {
        if (!text.equals("true") && !text.equals("false")) {
          throw new IllegalArgumentException("not a bool (true or false): " + text);
        }
        yield Boolean.valueOf(text);
      }
      case F64 -> {
        // decimal only: Double.parseDouble also takes "1d", "0x1p3" and surrounding spaces
        if (!DECIMAL.matcher(text).matches()) {
          throw new IllegalArgumentException("not an f64 (a decimal number): " + text);
        }
        yield Double.parseDouble(text);
      }
      case STRING -> text;
      case ENUM -> {
        if (!cases.contains(text)) {
          throw new IllegalArgumentException(
              "not a " + typeName + " (" + String.join(", ", cases) + "): " + text);
        }
        yield text;
      }
      default -> throw new IllegalArgumentException(name + " is a handle, not a value: " + text);
    };
  }

  /**
   * {@code INPUT} for a handle or a positional value, {@code N} for a number, the enum's name
   * ({@code WHEN}).
   */
  public String placeholder() {
    if (type.isHandle() || doc.positional()) {
      return name.toUpperCase(Locale.ROOT);
    }
    if (type == ParamType.ENUM) {
      return typeName.toUpperCase(Locale.ROOT);
    }
    return switch (type) {
      case F64 -> "X";
      case STRING -> "TEXT";
      case BOOL -> "";
      default -> "N";
    };
  }

  // Written out: a record's generated equals and hashCode link method handles on first use, which
  // costs a run that binds its arguments by Param several milliseconds of start-up.
  @Override
  public boolean equals(Object other) {
    return other instanceof Param p
        && name.equals(p.name)
        && type == p.type
        && arity == p.arity
        && typeName.equals(p.typeName)
        && cases.equals(p.cases)
        && doc.equals(p.doc);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + type.hashCode();
  }

  @Override
  public String toString() {
    return name + ": " + wit();
  }

  /**
   * {@code value} in the shape this parameter's arity takes, each element made by {@code one}: an
   * option as an {@link Optional} (from an Optional, a value or null), a list as an immutable
   * {@link List} (from a {@link Collection} or an array). Shared by every typed main's binding, a
   * module's and a component's, so both accept the same Java values.
   *
   * @throws IllegalArgumentException if a list is given no Collection or array
   */
  public Object shape(Object value, UnaryOperator<Object> one) {
    return switch (arity) {
      case ONE -> one.apply(value);
      case OPTIONAL -> {
        Object inner = value instanceof Optional<?> o ? o.orElse(null) : value;
        yield inner == null ? Optional.empty() : Optional.of(one.apply(inner));
      }
      case LIST -> {
        Collection<?> list =
            value instanceof Collection<?> c
                ? c
                : value instanceof Object[] array ? Arrays.asList(array) : null;
        if (list == null) {
          throw MainCall.wrongType(this, value, "a Collection");
        }
        List<Object> shaped = new ArrayList<>();
        for (Object element : list) {
          shaped.add(one.apply(element));
        }
        yield List.copyOf(shaped);
      }
    };
  }
}
