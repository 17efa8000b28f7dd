// A tiny design for bench/engine.sh: Yosys (npm @yowasp/yosys) runs synth_ice40 on it. Written
// for this benchmark: an 8-bit counter and a 16-bit multiply-accumulate/shift unit.
module top(input clk, input rst, input [7:0] a, input [7:0] b, input [1:0] op, output reg [15:0] acc, output [7:0] cnt);
  reg [7:0] c;
  assign cnt = c;
  always @(posedge clk) begin
    if (rst) begin acc <= 0; c <= 0; end
    else begin
      c <= c + 1;
      case (op)
        2'd0: acc <= acc + a * b;
        2'd1: acc <= acc - {8'd0, a ^ b};
        2'd2: acc <= {acc[14:0], acc[15]} ^ {b, a};
        default: acc <= acc;
      endcase
    end
  end
endmodule
