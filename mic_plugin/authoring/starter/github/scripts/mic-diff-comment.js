// Post the `mic diff` summary on a pull request, or update the one already there.
//
// Called from actions/github-script in .github/workflows/site.yml (pull requests from this repository) and
// .github/workflows/site-comment.yml (pull requests from forks, whose own run cannot write comments).
// There is one comment per pull request: it is found by MARKER and by its author, the Actions bot, so a
// person who pastes the marker into their own comment never has it overwritten.

const fs = require("fs");
const path = require("path");

const MARKER = "<!-- mic-diff -->";
const BOT = "github-actions[bot]";
const LIMIT = 65000; // GitHub refuses comments longer than 65,536 characters

function readBody(dir) {
  let body = fs.readFileSync(path.join(dir, "comment.md"), "utf8");
  if (!body.includes(MARKER)) body = `${MARKER}\n${body}`;
  if (body.length > LIMIT) {
    body = body.slice(0, LIMIT) + "\n\n… (cut short: run `mic diff` locally, or see the job summary, for the rest)\n";
  }
  return body;
}

function readNumber(dir) {
  const text = fs.readFileSync(path.join(dir, "pr-number.txt"), "utf8").trim();
  if (!/^[1-9][0-9]{0,9}$/.test(text)) throw new Error(`pr-number.txt does not hold a pull-request number: ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * @param {object} args
 * @param {object} args.github   the Octokit client given by actions/github-script
 * @param {object} args.context  the workflow context given by actions/github-script
 * @param {string} [args.dir]    folder holding comment.md and pr-number.txt (default: the current folder)
 * @param {string} [args.headSha] when set (comments for forks), the pull request must have this head commit
 * @returns {Promise<string>} "created" or "updated"
 */
module.exports = async function postDiffComment({ github, context, dir = ".", headSha = "" }) {
  const { owner, repo } = context.repo;
  const issue_number = readNumber(dir);
  const body = readBody(dir);
  if (headSha) {
    // The number comes from an artifact a fork's run wrote: believe it only if that pull request is the one
    // whose run produced it.
    const { data: pr } = await github.rest.pulls.get({ owner, repo, pull_number: issue_number });
    if (pr.head.sha !== headSha) {
      throw new Error(`pull request #${issue_number} is at ${pr.head.sha}, not ${headSha}: not commenting`);
    }
  }
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const mine = comments.find((c) => c.user && c.user.login === BOT && typeof c.body === "string" && c.body.includes(MARKER));
  if (mine) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
    return "updated";
  }
  await github.rest.issues.createComment({ owner, repo, issue_number, body });
  return "created";
};

module.exports.MARKER = MARKER;
