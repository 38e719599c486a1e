import SampleModel

/// The model variants every rendering test runs: the guide's default and models that switch on
/// each optional part of the templates. Shared by the syntax, lint and security tests (in
/// SampleRenderingTests) and the golden variant files (in GuideFillingTests).
public enum SampleModelVariants {
    /// Name → model; the names are the golden variant folders' names.
    public static var all: [(String, ClientModel)] {
        var post = ClientModel.guideDefault
        post.tokenRequest.clientAuthentication = .clientSecretPost
        post.tokenRequest.scope = "read write"
        post.tokenRequest.extraParameters = [
            try! FormParameter(name: "audience", value: "https://api.example.com"),
            try! FormParameter(name: "resource", value: "r\"$1\\"),
        ]
        var raw = ClientModel.guideDefault
        raw.tokenRequest.formEncodesBasicCredentials = false
        raw.tokenRequest.sendsClientIDInBody = false
        raw.tokenRequest.scope = "a"
        raw.refreshPolicy.retry.retryableStatuses = [503]
        var tiny = ClientModel.guideDefault
        tiny.refreshPolicy.retry.retryableStatuses = []
        tiny.refreshPolicy.retry.maxAttempts = 1
        tiny.tokenRequest.timeoutSeconds = 0.5
        return [("default", .guideDefault), ("post-scope-extras", post), ("raw-basic", raw), ("no-retries", tiny)]
    }
}
