package io.nubis.driver.kvm;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Domains defined before Nubis gave every VM a graphical console (issue 13) have no VNC device. When such a VM is
 * started from shut off, its persistent definition (as {@code virsh dumpxml --inactive} prints it) gets the same VNC
 * device on the host's loopback and VGA video that {@link DomainXml} writes for new VMs, and is defined again; nothing
 * else in it changes. The XML is libvirt's own output, parsed without DTDs or external entities.
 */
final class DomainConsoleUpgrade {

    private DomainConsoleUpgrade() {
    }

    /** The definition with a VNC console added, or empty when it has a graphics device already. */
    static Optional<String> withConsole(String domainXml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            Document doc = f.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(domainXml.getBytes(StandardCharsets.UTF_8)));
            Element devices = (Element) doc.getDocumentElement().getElementsByTagName("devices").item(0);
            if (devices == null) {
                throw new IllegalArgumentException("the domain has no <devices>");
            }
            if (devices.getElementsByTagName("graphics").getLength() > 0) {
                return Optional.empty();
            }
            Element graphics = doc.createElement("graphics");
            graphics.setAttribute("type", "vnc");
            graphics.setAttribute("port", "-1");
            graphics.setAttribute("autoport", "yes");
            graphics.setAttribute("listen", "127.0.0.1");
            Element listen = doc.createElement("listen");
            listen.setAttribute("type", "address");
            listen.setAttribute("address", "127.0.0.1");
            graphics.appendChild(listen);
            devices.appendChild(graphics);
            if (devices.getElementsByTagName("video").getLength() == 0) {
                Element video = doc.createElement("video");
                Element model = doc.createElement("model");
                model.setAttribute("type", "vga");
                video.appendChild(model);
                devices.appendChild(video);
            }
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            var t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return Optional.of(out.toString());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable domain XML: " + e.getMessage(), e);
        }
    }
}
