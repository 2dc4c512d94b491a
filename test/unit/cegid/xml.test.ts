import { escapeXml, parseXml, toObject, toXml, XmlSyntaxError } from '../../../nodes/Cegid/helpers/xml';
import { parseSoapAnswer, soapAction, soapEnvelope } from '../../../nodes/Cegid/transport/soap';
import { readXml } from '../../../simulators/cegid/xml';

const NASTY = `O'Brien <&> "Ltd" ]]> &amp; é 😀`;

describe('CEGID XML', () => {
	it('escapes the five special characters, and the text round-trips through both readers', () => {
		expect(escapeXml(`O'Brien <&> "Ltd"`)).toBe('O&apos;Brien &lt;&amp;&gt; &quot;Ltd&quot;');
		const xml = `<a:Root xmlns:a="urn:x"><a:Name>${escapeXml(NASTY)}</a:Name><a:Attr v="${escapeXml(NASTY)}"/></a:Root>`;
		const ours = parseXml(xml);
		expect(ours.children[0].text).toBe(NASTY);
		expect(ours.children[1].attributes.v).toBe(NASTY);
		expect(readXml(xml).children[0].text).toBe(NASTY);
	});

	it('drops characters XML 1.0 cannot carry instead of producing a document the server rejects', () => {
		expect(escapeXml('a\u0001b\u0008c\td\ne')).toBe('abc\td\ne');
	});

	it('reads CDATA, comments, numeric references, nil and repeated elements', () => {
		const root = parseXml(
			'<?xml version="1.0"?><!-- c --><R xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><A><![CDATA[<x & y>]]></A><B>&#233;&#xE9;</B><C i:nil="true"/><D>1</D><D>2</D></R>',
		);
		expect(toObject(root)).toEqual({ A: '<x & y>', B: 'éé', C: null, D: ['1', '2'] });
	});

	it('refuses malformed XML with a position', () => {
		expect(() => parseXml('<a><b></a>')).toThrow(XmlSyntaxError);
		expect(() => parseXml('<a>')).toThrow(/unclosed element <a>/);
		expect(() => parseXml('<a/><b/>')).toThrow(/second root/);
	});

	it('writes nested objects in the given order, leaves out undefined, and writes null as nil', () => {
		expect(toXml({ B: 'x', A: { Z: 1, Y: undefined }, C: null, D: [true, false] }, 'ns')).toBe(
			'<ns:B>x</ns:B><ns:A><ns:Z>1</ns:Z></ns:A><ns:C xsi:nil="true"/><ns:D>true</ns:D><ns:D>false</ns:D>',
		);
	});

	it('builds envelopes with the database in clientContext and the documented SOAPAction values', () => {
		const envelope = soapEnvelope('GetCustomerDetail', { customerId: 'C<1>' }, 'DB_&_1');
		const body = readXml(envelope).children.find((entry) => entry.name === 'Body')!;
		expect(body.children[0].name).toBe('GetCustomerDetail');
		expect(body.children[0].children.map((entry) => [entry.name, entry.text || entry.children[0]?.text])).toEqual([
			['customerId', 'C<1>'],
			['clientContext', 'DB_&_1'],
		]);
		expect(soapAction('GetCustomerDetail')).toBe('http://www.cegid.fr/Retail/1.0/ICustomerWcfService/GetCustomerDetail');
		expect(soapAction('HelloWorld')).toBe('http://www.cegid.fr/Retail/1.0/ICbrBasicWebServiceInterface/HelloWorld');
	});

	it('reads a fault with its BusinessFaultDetail, and keeps only a summary of a page that is not SOAP', () => {
		const fault = parseSoapAnswer(
			'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring xml:lang="en-US">Bad &lt;data&gt;</faultstring><detail><BusinessFaultDetail xmlns="http://www.cegid.fr/fault"><Cause>Rule</Cause><Message>Bad</Message><ToDo>Fix it</ToDo><MemberNames xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><a:string>EmailData.Email</a:string></MemberNames></BusinessFaultDetail></detail></s:Fault></s:Body></s:Envelope>',
		);
		expect(fault.fault).toEqual({ code: 's:Client', message: 'Bad <data>', detailType: 'BusinessFaultDetail', cause: 'Rule', toDo: 'Fix it', memberNames: ['EmailData.Email'] });
		const page = parseSoapAnswer('<html><body><h1>Service Unavailable</h1></body></html>');
		expect(page.notSoap).toBe('Service Unavailable');
	});
});
