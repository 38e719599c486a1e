// A template, not a program: the test repeats its marker line once per value.
public class Values {
    public static void main(String[] args) {
        String[] values = {
            LITERAL,
        };
        StringBuilder out = new StringBuilder();
        for (String v : values) {
            for (byte b : v.getBytes(java.nio.charset.StandardCharsets.UTF_8)) out.append(String.format("%02x", b & 0xff));
            out.append('\n');
        }
        System.out.print(out);
    }
}
