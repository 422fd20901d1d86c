// A busy server answers try_again before doing anything (docs/protocol.md, "Errors"; docs/operations.md, "Overload"):
// a send is asked again by itself, after 1 s and then 2 s, before the person sees "Not sent". A send keeps its client
// message id, so the server stores it once however many times it arrives.
import { parseHubRefusal } from "./refusals";

const busyRetryDelaysMs = [1000, 2000];

export async function retryWhenBusy<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (attempt >= busyRetryDelaysMs.length || parseHubRefusal(e)?.code !== "try_again") throw e;
      await new Promise((resolve) => setTimeout(resolve, busyRetryDelaysMs[attempt]));
    }
  }
}
