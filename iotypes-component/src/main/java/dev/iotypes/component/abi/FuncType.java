package dev.iotypes.component.abi;

import java.util.List;

/** A component function's type: named parameters and at most one result ({@code null}: none). */
public record FuncType(List<ValType.Field> params, ValType result) {
  public List<ValType> paramTypes() {
    return params.stream().map(ValType.Field::type).toList();
  }

  public List<ValType> resultTypes() {
    return result == null ? List.of() : List.of(result);
  }
}
