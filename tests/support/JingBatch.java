/*
 * jing over many parts in one JVM, for tests/support/ooxml.ts:
 *   java -cp /usr/share/java/jing.jar JingBatch.java -s A.rnc a1.xml a2.xml -s B.rnc b1.xml
 * Each schema (RELAX NG compact syntax) is loaded once and checks the files after it, with the
 * jing command's settings and messages (file:line:column: error: …). One JVM for a whole
 * package instead of one per schema: the JVM's start-up was most of the schema checks' time.
 *
 *   java -cp … JingBatch --serve /tmp/x.sock
 * serves a whole test run (scripts/test.ts starts it): each connection sends the arguments
 * above on one line, separated by tabs, and gets back the messages and, last, a line with the
 * exit status. Requests are taken one at a time, and each schema is loaded only once.
 */
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.prop.rng.RngProperty;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import com.thaiopensource.xml.sax.ErrorHandlerImpl;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

public class JingBatch {
  /** the error handler of the request being served: the schemas' drivers are made once, with this one */
  static final class Current implements ErrorHandler {
    ErrorHandlerImpl to;

    public void warning(SAXParseException e) throws SAXParseException {
      to.warning(e);
    }

    public void error(SAXParseException e) {
      to.error(e);
    }

    public void fatalError(SAXParseException e) throws SAXParseException {
      to.fatalError(e);
    }
  }

  static final Current current = new Current();
  static final Map<String, ValidationDriver> drivers = new HashMap<>();

  /** 0: every file valid; 1: some file not; 2: a schema that did not load */
  static int run(String[] args) throws Exception {
    ValidationDriver driver = null;
    boolean ok = true;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-s")) {
        String schema = args[++i];
        driver = drivers.get(schema);
        if (driver == null) {
          PropertyMapBuilder properties = new PropertyMapBuilder();
          properties.put(ValidateProperty.ERROR_HANDLER, current);
          RngProperty.CHECK_ID_IDREF.add(properties);
          driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
          if (!driver.loadSchema(ValidationDriver.uriOrFileInputSource(schema))) {
            current.to.print(schema + ": error: the schema did not load");
            return 2;
          }
          drivers.put(schema, driver);
        }
      } else if (!driver.validate(ValidationDriver.uriOrFileInputSource(args[i]))) ok = false;
    }
    return ok ? 0 : 1;
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--serve")) {
      serve(Path.of(args[1]));
      return;
    }
    current.to = new ErrorHandlerImpl(System.out);
    int status = run(args);
    current.to.close();
    System.exit(status);
  }

  static void serve(Path socket) throws Exception {
    // the run that started it may end without stopping it (killed): it goes too
    ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
    Thread watch = new Thread(() -> {
      while (parent == null || parent.isAlive()) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
      }
      System.exit(0);
    });
    watch.setDaemon(true);
    watch.start();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      while (true) {
        try (SocketChannel channel = server.accept()) {
          String line = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8)).readLine();
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          current.to = new ErrorHandlerImpl(out);
          int status;
          try {
            status = line == null ? 2 : run(line.split("\t"));
          } catch (Exception e) {
            current.to.printException(e);
            status = 2;
          }
          current.to.close();
          OutputStream reply = Channels.newOutputStream(channel);
          reply.write(out.toByteArray());
          reply.write(("\n" + status + "\n").getBytes(StandardCharsets.UTF_8));
          reply.flush();
        } catch (Exception e) {
          // a client gone mid-request: the next one is served
        }
      }
    }
  }
}
