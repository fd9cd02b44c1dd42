def server = System.properties.remove('allocgate.it.commentServer')
def comments = System.properties.remove('allocgate.it.comments')
server?.stop(0)

def token = 'ghs_ITtoken7Kq2NeverPrinted0123456789'
def log = new File(basedir, 'build.log').text
// mvn -X really ran: Maven's debug output and the Mojo's parameters are in the log.
assert log.contains('[DEBUG]')
assert log =~ /\(f\) apiUrl = http:\/\/127\.0\.0\.1:\d+/
// The token: not in the output, not even a part of it.
assert !log.contains(token)
assert !log.contains('7Kq2NeverPrinted')

def requests = new File(basedir, 'requests.log').readLines()
assert requests.every { it.contains('headersOk=true') } : requests
assert requests == [
        'GET /user headersOk=true status=403',
        'GET /repos/acme/widgets/issues/7/comments headersOk=true status=200',
        'POST /repos/acme/widgets/issues/7/comments headersOk=true status=201',
]
assert log.contains('allocgate: created the GitHub comment 4242')
assert comments.size() == 1
assert comments[0].body.startsWith('<!-- allocgate:comment module=comment-token -->\n## ')
return true
