// Compiles every file named on the command line as `javac -Xlint:all -Werror` would, one file at a
// time (samples of one batch declare the same classes) in one JVM. Each file is copied under its
// public class's name first, as javac requires. Prints nothing when every file passes.
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

public final class SyntaxCheck {
    private SyntaxCheck() {}

    public static void main(String[] args) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Pattern publicClass = Pattern.compile("(?m)^public\\s+(?:final\\s+)?class\\s+(\\w+)");
        int bad = 0;
        for (String file : args) {
            String source = Files.readString(Path.of(file));
            Matcher m = publicClass.matcher(source);
            String name = m.find() ? m.group(1) : "Sample";
            Path dir = Files.createTempDirectory("javacheck");
            try {
                Path copy = dir.resolve(name + ".java");
                Files.writeString(copy, source);
                int status = javac.run(null, null, null, "-Xlint:all", "-Werror", "-proc:none",
                        "-cp", System.getProperty("java.class.path"), "-d", dir.resolve("classes").toString(),
                        copy.toString());
                if (status != 0) {
                    System.err.println(file + ": javac failed (status " + status + ")");
                    bad++;
                }
            } finally {
                try (Stream<Path> paths = Files.walk(dir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        System.exit(bad == 0 ? 0 : 1);
    }
}
