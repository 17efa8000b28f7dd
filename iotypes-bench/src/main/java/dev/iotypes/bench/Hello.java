package dev.iotypes.bench;

/** A Java hello world: the JVM's own start-up, the floor under every iotypes start-up row. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("hello, world");
  }
}
