/*
 * jing over many parts in one JVM, for tests/support/ooxml.ts:
 *   java -cp /usr/share/java/jing.jar JingBatch.java -s A.rnc a1.xml a2.xml -s B.rnc b1.xml
 * Each schema (RELAX NG compact syntax) is loaded once and checks the files after it, with the
 * jing command's settings and messages (file:line:column: error: …). One JVM for a whole
 * package instead of one per schema: the JVM's start-up was most of the schema checks' time.
 */
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.prop.rng.RngProperty;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import com.thaiopensource.xml.sax.ErrorHandlerImpl;

public class JingBatch {
  public static void main(String[] args) throws Exception {
    ErrorHandlerImpl eh = new ErrorHandlerImpl(System.out);
    PropertyMapBuilder properties = new PropertyMapBuilder();
    properties.put(ValidateProperty.ERROR_HANDLER, eh);
    RngProperty.CHECK_ID_IDREF.add(properties);
    ValidationDriver driver = null;
    boolean ok = true;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-s")) {
        String schema = args[++i];
        driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        if (!driver.loadSchema(ValidationDriver.uriOrFileInputSource(schema))) {
          eh.print(schema + ": error: the schema did not load");
          eh.close();
          System.exit(2);
        }
      } else if (!driver.validate(ValidationDriver.uriOrFileInputSource(args[i]))) ok = false;
    }
    eh.close();
    System.exit(ok ? 0 : 1);
  }
}
