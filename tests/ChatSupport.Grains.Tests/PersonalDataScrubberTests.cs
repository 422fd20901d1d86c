using ChatSupport.Knowledge.Privacy;

namespace ChatSupport.Grains.Tests;

/// <summary>What a learned answer keeps of a chat: no email, phone, order or card number of the visitor.</summary>
public sealed class PersonalDataScrubberTests
{
    [Theory]
    [InlineData("mail me at robin.smith+shop@example.co.uk please", "mail me at [email] please")]
    [InlineData("card 4111 1111 1111 1111 was charged", "card [card number] was charged")]
    [InlineData("my order #48213 is late", "my order [order number] is late")]
    [InlineData("Order number: NW-120033 never came", "Order number: [order number] never came")]
    [InlineData("call +44 7700 900123 or (020) 7946 0958", "call [phone number] or [phone number]")]
    [InlineData("reference 99887766", "reference [order number]")]
    public void Personal_data_becomes_a_placeholder(string text, string scrubbed) =>
        PersonalDataScrubber.Scrub(text).Should().Be(scrubbed);

    [Theory]
    [InlineData("Returns are free within 30 days, and refunds take 5 working days.")]
    [InlineData("Delivery costs £3.95, free over £50, 2–4 days.")]
    public void Ordinary_words_and_small_numbers_stay(string text) => PersonalDataScrubber.Scrub(text).Should().Be(text);
}
