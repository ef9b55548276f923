"""fuzz_corpus_test: a fuzz target replayed over its corpus as a cc_test."""

def fuzz_corpus_test(name, deps):
    """<name>_corpus_test: fuzz/<name>_fuzzer.cc over testdata/fuzz/<name>/.

    Args:
      name: the target, as in testdata/fuzz/<name>/ and tools/fuzz/run.
      deps: the libraries under test.
    """
    corpus = "//testdata/fuzz:" + name
    native.cc_test(
        name = name + "_corpus_test",
        size = "small",
        srcs = [name + "_fuzzer.cc"],
        args = ["$(locations %s)" % corpus],
        data = [corpus],
        deps = deps + [
            ":fuzz_check",
            ":replay_main",
            "@system//:absl",
        ],
    )
