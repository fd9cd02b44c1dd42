// A fake GitHub on 127.0.0.1 for this IT: it answers /user with 403 (as for Actions' token),
// lists, creates and updates comments, and records each request with whether its headers were right.
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def expectedToken = 'ghs_ITtoken7Kq2NeverPrinted0123456789'
def comments = []
def log = new File(basedir, 'requests.log')
log.text = ''
def server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0)
server.createContext('/') { ex ->
    def h = ex.requestHeaders
    boolean headersOk = h.getFirst('Authorization') == 'Bearer ' + expectedToken &&
            h.getFirst('Accept') == 'application/vnd.github+json' && h.getFirst('X-GitHub-Api-Version') == '2022-11-28'
    def path = ex.requestURI.rawPath
    def body = ex.requestBody.text
    int status = 404
    def answer = [message: 'Not Found']
    if (!headersOk) {
        status = 401; answer = [message: 'Bad credentials']
    } else if (ex.requestMethod == 'GET' && path == '/user') {
        status = 403; answer = [message: 'Resource not accessible by integration']
    } else if (ex.requestMethod == 'GET' && path == '/repos/acme/widgets/issues/7/comments') {
        status = 200; answer = comments
    } else if (ex.requestMethod == 'POST' && path == '/repos/acme/widgets/issues/7/comments') {
        def c = [id: 4242, body: new JsonSlurper().parseText(body).body, user: [login: 'github-actions[bot]']]
        comments << c
        status = 201; answer = c
    } else if (ex.requestMethod == 'PATCH' && path == '/repos/acme/widgets/issues/comments/4242') {
        comments[0].body = new JsonSlurper().parseText(body).body
        status = 200; answer = comments[0]
    }
    synchronized (log) {
        log << "${ex.requestMethod} ${path} headersOk=${headersOk} status=${status}\n"
    }
    byte[] out = JsonOutput.toJson(answer).getBytes('UTF-8')
    ex.responseHeaders.add('Content-Type', 'application/json')
    ex.sendResponseHeaders(status, out.length)
    ex.responseBody.withStream { it.write(out) }
}
server.start()
System.properties.put('allocgate.it.commentServer', server)
System.properties.put('allocgate.it.comments', comments)
def mvnDir = new File(basedir, '.mvn')
mvnDir.mkdirs()
new File(mvnDir, 'maven.config').text = "-Dallocgate.apiUrl=http://127.0.0.1:${server.address.port}\n"
return true
