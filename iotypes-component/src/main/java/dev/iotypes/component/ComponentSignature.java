package dev.iotypes.component;

import dev.iotypes.component.abi.FuncType;
import dev.iotypes.component.abi.ResourceType;
import dev.iotypes.component.abi.ValType;
import dev.iotypes.component.binary.PrimType;
import dev.iotypes.wasm.Param;
import dev.iotypes.wasm.ParamDoc;
import dev.iotypes.wasm.ParamType;
import dev.iotypes.wasm.ResultType;
import dev.iotypes.wasm.TypedMain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a component export's function type as a typed main, so that the command line and its help
 * treat it exactly as a core module's declared one: the component's types say what its {@code
 * iotypes-main} section says for a module. The streams are {@code wasi:io}'s, and arrays,
 * directories, the clock and random {@code iotypes:io}'s, recognised by the resource types the
 * run's host gave the component, not by name, so a component's own resource called {@code
 * input-stream} is no stream.
 */
final class ComponentSignature {
  private ComponentSignature() {}

  /**
   * The typed main {@code type} stands for.
   *
   * @param handles the host's resource types a borrow of which binds as a handle kind
   * @throws IllegalArgumentException naming the parameter or result that cannot be bound
   */
  static TypedMain typedMain(String export, FuncType type, Map<ResourceType, ParamType> handles) {
    List<Param> params = new ArrayList<>();
    for (ValType.Field f : type.params()) {
      params.add(param(f.name(), f.type(), handles));
    }
    return new TypedMain(export, params, result(type.result()), "");
  }

  private static Param param(String name, ValType t, Map<ResourceType, ParamType> handles) {
    Param.Arity arity = Param.Arity.ONE;
    ValType inner = t;
    if (t instanceof ValType.Option o) {
      arity = Param.Arity.OPTIONAL;
      inner = o.type();
    } else if (t instanceof ValType.ListOf l) {
      arity = Param.Arity.LIST;
      inner = l.element();
    }
    ParamType kind = kind(inner, handles);
    if (kind == null) {
      throw new IllegalArgumentException(
          "parameter "
              + name
              + ": "
              + t
              + " cannot be bound from arguments"
              + hint(inner, handles));
    }
    if (kind.isFromRun() && arity != Param.Arity.ONE) {
      throw new IllegalArgumentException(
          "parameter " + name + ": " + t + ": a run has one " + kind.wit() + ", taken as is");
    }
    if (arity == Param.Arity.LIST && !kind.isHandle()) {
      throw new IllegalArgumentException(
          "parameter " + name + ": " + t + " cannot be bound: a list takes streams");
    }
    List<String> cases = inner instanceof ValType.Enum e ? e.names() : List.of();
    String typeName = kind == ParamType.ENUM ? name : kind.wit();
    return new Param(name, kind, arity, typeName, cases, ParamDoc.NONE);
  }

  private static String hint(ValType t, Map<ResourceType, ParamType> handles) {
    ParamType kind = t instanceof ValType.Own o ? handles.get(o.resource()) : null;
    if (kind != null) {
      ResourceType r = ((ValType.Own) t).resource();
      String what =
          kind == ParamType.INPUT_STREAM
                  || kind == ParamType.OUTPUT_STREAM
                  || kind == ParamType.ARRAY
              ? "the stream"
              : "the " + kind.wit();
      return " (take " + what + " as borrow<" + r.name() + ">: it stays the host's)";
    }
    return "";
  }

  /** The kind {@code t} binds as, or null if none. */
  private static ParamType kind(ValType t, Map<ResourceType, ParamType> handles) {
    if (t instanceof ValType.Borrow b) {
      return handles.get(b.resource());
    }
    if (t instanceof ValType.Enum e) {
      return e.names().isEmpty() ? null : ParamType.ENUM;
    }
    if (!(t instanceof ValType.Prim p)) {
      return null;
    }
    return switch (p.type()) {
      case BOOL -> ParamType.BOOL;
      case U8 -> ParamType.U8;
      case U16 -> ParamType.U16;
      case U32 -> ParamType.U32;
      case U64 -> ParamType.U64;
      case S8 -> ParamType.S8;
      case S16 -> ParamType.S16;
      case S32 -> ParamType.S32;
      case S64 -> ParamType.S64;
      case F64 -> ParamType.F64;
      case STRING -> ParamType.STRING;
      default -> null;
    };
  }

  private static ResultType result(ValType t) {
    if (t == null) {
      return ResultType.NONE;
    }
    if (t instanceof ValType.Result r && r.ok() == null && r.error() == null) {
      return ResultType.RESULT;
    }
    if (t instanceof ValType.Prim p && p.type() == PrimType.U32) {
      return ResultType.U32;
    }
    if (t instanceof ValType.Prim p && p.type() == PrimType.S32) {
      return ResultType.S32;
    }
    throw new IllegalArgumentException(
        "its result " + t + " is no exit status (result, u32 or s32, or none)");
  }
}
